import { Entity, Index, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { timestamptz } from '../../../infra/database/base-columns.js';

/**
 * The first time each user reached each journey milestone (`MILESTONE_ACTIONS`), on the UTC day it
 * happened, with their first time of the milestone before it: time between milestones over any
 * range is an aggregate over the range's rows.
 */
@Entity({ tableName: 'analytics_daily_user_firsts' })
// By day only: an index led by (day, milestone) can be skip-scanned for a (user, milestone) lookup.
@Index({ properties: ['day'] })
export class DailyUserFirst {
  [PrimaryKeyProp]?: ['userId', 'milestone'];

  @PrimaryKey({ type: 'text' })
  userId!: string;

  @PrimaryKey({ type: 'text' })
  milestone!: string;

  @Property({ type: 'date' })
  day!: string;

  @Property(timestamptz())
  firstAt!: Date;

  /** The user's first time of the milestone before this one (none for the first milestone). */
  @Property(timestamptz({ nullable: true }))
  prevFirstAt: Date | null = null;
}
