import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import {
  createdAtColumn,
  newId,
  timestamptz,
  updatedAtColumn,
} from '../../../infra/database/base-columns.js';
import { User } from '../../users/index.js';
import type { RelativeRange } from './relative-range.js';

/**
 * A report e-mailed on a schedule, as Metabase subscriptions do: which report with which filters,
 * over which relative range, when (cron, UTC), to whom. `nextRunAt` is when it is due next; the
 * delivery job sends what is due and moves it on (or retries a failed one).
 */
@Entity({ tableName: 'report_subscriptions' })
export class ReportSubscription {
  [OptionalProps]?:
    'createdAt' | 'updatedAt' | 'enabled' | 'filters' | 'createdBy' | 'nextRunAt' | 'failures';

  @PrimaryKey({ type: 'text' })
  id: string = newId();

  @Property({ type: 'text' })
  name!: string;

  /** `<dashboard>/<report>`, e.g. `engagement/active-users`. */
  @Property({ type: 'text' })
  report!: string;

  /** The report's query parameters other than `from` and `to`, e.g. `{ "granularity": "week" }`. */
  @Property({ type: 'json', default: '{}' })
  filters: Record<string, string> = {};

  @Property({ type: 'text' })
  range!: RelativeRange;

  /** Five-field cron expression, UTC. */
  @Property({ type: 'text' })
  schedule!: string;

  @Property({ type: 'text[]' })
  recipients!: string[];

  @Property({ type: 'boolean', default: true })
  enabled: boolean = true;

  @Index()
  @Property(timestamptz({ nullable: true }))
  nextRunAt: Date | null = null;

  /** Failed attempts since the last success (each retry waits longer). */
  @Property({ type: 'integer', default: 0 })
  failures: number = 0;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  createdBy: User | null = null;

  @Property(createdAtColumn())
  createdAt: Date = new Date();

  @Property(updatedAtColumn())
  updatedAt: Date = new Date();
}
