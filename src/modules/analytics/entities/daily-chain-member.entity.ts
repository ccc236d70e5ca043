import { ArrayType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { dayBrinIndex } from './day-brin-index.js';

/**
 * Course discovery looks up, for each enrolment of a range, whether the learner viewed the course
 * between the range's start and the enrolment: one probe each into this narrow index (the course
 * viewers' rows only, the course as text) rather than into the unique one.
 */
export const COURSE_VIEWERS_INDEX = 'analytics_daily_chain_members_course_viewers_index';
export const COURSE_VIEWERS_INDEX_SQL = `create index "${COURSE_VIEWERS_INDEX}" on "analytics_daily_chain_members" ("member", (keys[1]), "day") where metric = 'course_viewers'`;

/**
 * Members (users) of each distinct-count metric per UTC day and keys, with the previous day they
 * were members with the same keys (see `rollup/chain-metrics.ts`).
 */
@Entity({ tableName: 'analytics_daily_chain_members' })
@Index(dayBrinIndex('analytics_daily_chain_members'))
@Index({ name: COURSE_VIEWERS_INDEX, expression: COURSE_VIEWERS_INDEX_SQL })
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
