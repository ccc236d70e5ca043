import { ArrayType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Members of a distinct-count metric per UTC day × keys × days since their previous occurrence
 * (`gap_days`, null: none in the last two years). Distinct members over days [b0, b1] = sum of
 * `members` over those days where `gap_days` is null or `day − gap_days < b0`.
 */
@Entity({ tableName: 'analytics_daily_chain_counts' })
@Index({ properties: ['day'] })
@Index({ properties: ['metric', 'day'] })
export class DailyChainCount {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'date' })
  day!: string;

  @Property({ type: 'text' })
  metric!: string;

  @Property({ type: ArrayType, columnType: 'text[]' })
  keys!: string[];

  @Property({ type: 'integer', nullable: true })
  gapDays: number | null = null;

  @Property({ type: 'integer' })
  members!: number;
}
