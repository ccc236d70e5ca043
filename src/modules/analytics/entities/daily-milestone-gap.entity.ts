import { ArrayType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Users whose first time of a journey milestone fell on a UTC day (`analytics_daily_user_firsts`),
 * per milestone × bucket of the time since their first time of the milestone before (see
 * `GAP_BUCKET_MS`; bucket 0: no such time), with the sum of those times and their distinct values
 * with how many users have each: counts, means and exact medians over any range of days read a few
 * rows per day instead of one per user.
 */
@Entity({ tableName: 'analytics_daily_milestone_gaps' })
@Index({ properties: ['day'] })
export class DailyMilestoneGap {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'date' })
  day!: string;

  @Property({ type: 'text' })
  milestone!: string;

  /** 1-based index into GAP_BUCKET_MS; 0: no time since the milestone before. */
  @Property({ type: 'smallint' })
  bucket!: number;

  @Property({ type: 'integer' })
  reached!: number;

  /** Sum of the times since the milestone before, in ms (exact: microseconds kept). */
  @Property({ type: 'decimal', columnType: 'numeric' })
  sumMs!: string;

  /** The distinct times (ms, as float8), ascending. */
  @Property({ type: new ArrayType((ms) => Number(ms)), columnType: 'double precision[]' })
  gaps!: number[];

  /** Users with each of `gaps`. */
  @Property({ type: new ArrayType((n) => Number(n)), columnType: 'int[]' })
  counts!: number[];
}
