import { ArrayType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Members (users) of each distinct-count metric per UTC day and keys, with the previous day they
 * were members with the same keys (see `rollup/chain-metrics.ts`).
 */
@Entity({ tableName: 'analytics_daily_chain_members' })
@Index({ properties: ['day'] })
export class DailyChainMember {
  // Key order (metric, member, keys, day): the index finds a member's previous day (a backward scan).
  @PrimaryKey({ type: 'text' })
  metric!: string;

  @PrimaryKey({ type: 'text' })
  member!: string;

  /** The metric's dimensions (UTM triple, course id…); NULL elements compare equal in arrays. */
  @PrimaryKey({ type: ArrayType, columnType: 'text[]' })
  keys!: string[];

  @PrimaryKey({ type: 'date' })
  day!: string;

  @Property({ type: 'date', nullable: true })
  prevDay: string | null = null;
}
