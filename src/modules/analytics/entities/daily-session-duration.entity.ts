import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Sessions per UTC day × platform × first-touch UTM source × duration bucket (see
 * `DURATION_BUCKETS`), each session-day on its own, with the sum of their durations in seconds.
 */
@Entity({ tableName: 'analytics_daily_session_durations' })
@Index({ properties: ['day'] })
export class DailySessionDuration {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'date' })
  day!: string;

  @Property({ type: 'text', nullable: true })
  platform: string | null = null;

  @Property({ type: 'text', nullable: true })
  utmSource: string | null = null;

  /** 1-based index into DURATION_BUCKETS. */
  @Property({ type: 'smallint' })
  bucket!: number;

  @Property({ type: 'integer' })
  sessions!: number;

  @Property({ type: 'decimal', columnType: 'numeric' })
  seconds!: string;
}
