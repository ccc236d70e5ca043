import { ArrayType, Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

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
@Unique({ properties: ['metric', 'member', 'keys', 'day'] })
@Index({ properties: ['day'] })
@Index({ name: COURSE_VIEWERS_INDEX, expression: COURSE_VIEWERS_INDEX_SQL })
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
