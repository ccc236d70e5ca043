import { ArrayType, Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * Members (users) of each distinct-count metric per UTC day and keys, with the previous day they
 * were members with the same keys (see `rollup/chain-metrics.ts`).
 */
@Entity({ tableName: 'analytics_daily_chain_members' })
@Unique({ properties: ['metric', 'member', 'keys', 'day'] })
@Index({ properties: ['day'] })
export class DailyChainMember {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'date' })
  day!: string;

  @Property({ type: 'text' })
  metric!: string;

  /** The metric's dimensions (UTM triple, course id…); NULL elements compare equal in arrays. */
  @Property({ type: ArrayType, columnType: 'text[]' })
  keys!: string[];

  @Property({ type: 'text' })
  member!: string;

  @Property({ type: 'date', nullable: true })
  prevDay: string | null = null;
}
