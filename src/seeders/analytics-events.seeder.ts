import type { EntityManager } from '@mikro-orm/postgresql';
import { assertOneOf } from '../common/errors/domain-error.js';
import { EVENT_ACTIONS, EVENT_TYPES, FUNNEL_ACTIONS, PLATFORMS } from '../modules/analytics/index.js';
import { AnalyticsEvent } from '../modules/analytics/entities/analytics-event.entity.js';
import { insertIgnoringConflicts } from './insert.js';
import type { EventRow } from './session-writer.js';
import type { UserIdResolver } from './users.seeder.js';

const KNOWN_ACTIONS = [...EVENT_ACTIONS, ...FUNNEL_ACTIONS];

/**
 * Inserts the simulated events in chunks, oldest first: rows then sit on disk in time order, which
 * is how the analytics queries (time windows) and the retention job (oldest first) read them.
 */
export async function seedAnalyticsEvents(
  em: EntityManager,
  events: readonly EventRow[],
  resolveUserId: UserIdResolver,
): Promise<number> {
  const rows = events
    .map((event) => {
      // The query builder skips @BeforeCreate, so the enum checks it would run happen here. The
      // types and actions are the spec's (custom ones are allowed at ingestion, not in demo data).
      assertOneOf('eventType', event.eventType, EVENT_TYPES);
      assertOneOf('eventAction', event.eventAction, KNOWN_ACTIONS, { nullable: true });
      assertOneOf('platform', event.platform, PLATFORMS, { nullable: true });
      return event.userId === null ? event : { ...event, userId: resolveUserId(event.userId) };
    })
    .sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime() || (a.id < b.id ? -1 : 1));
  if (await alreadySeeded(em, rows)) return 0;
  return insertIgnoringConflicts(em, AnalyticsEvent, rows);
}

/**
 * The events table's key is (id, timestamp), and demo timestamps follow the run date, so
 * ON CONFLICT cannot recognise a re-run. The newest demo events (the ones retention keeps longest)
 * tell whether the demo's events are already there; they are then not inserted again.
 */
async function alreadySeeded(em: EntityManager, rows: readonly EventRow[]): Promise<boolean> {
  const newest = rows.slice(-100).map((r) => r.id);
  if (!newest.length) return false;
  const found = await em
    .getConnection()
    .execute(
      `SELECT 1 FROM analytics_events WHERE id IN (?) AND "timestamp" >= now() - interval '30 days' LIMIT 1`,
      [newest],
      'all',
      em.getTransactionContext(),
    );
  return found.length > 0;
}
