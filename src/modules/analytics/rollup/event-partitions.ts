import type pg from 'pg';
import { partitionDay, partitionName } from './utc-day.js';
import { firstRow } from '../../../common/assert/defined.js';

export const DEFAULT_PARTITION = 'analytics_events_default';

export interface PartitionInfo {
  name: string;
  day: string;
  /** Planner estimate (pg_class.reltuples), -1 when never analysed. */
  estimatedRows: number;
  bytes: number;
}

/**
 * Creates the missing day partitions among `days`; events of those days waiting in the default
 * partition move into them (the SQL function `analytics_events_ensure_partition`, defined in
 * `src/modules/analytics/sql/functions/analytics-events-ensure-partition.sql`). Returns the
 * partitions created.
 */
export async function ensurePartitions(client: pg.ClientBase, days: string[]): Promise<string[]> {
  const created: string[] = [];
  for (const day of days) {
    const { rows } = await client.query<{ created: boolean }>(
      'SELECT analytics_events_ensure_partition($1::date) AS created',
      [day],
    );
    if (firstRow(rows, 'analytics_events_ensure_partition()').created) created.push(partitionName(day));
  }
  return created;
}

/** UTC days that have events in the default partition (they arrived before their partition existed). */
export async function daysInDefaultPartition(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ day: string }>(
    `SELECT DISTINCT to_char("timestamp" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM ${DEFAULT_PARTITION} ORDER BY 1`,
  );
  return rows.map((r) => r.day);
}

export async function listPartitions(client: pg.ClientBase): Promise<PartitionInfo[]> {
  const { rows } = await client.query<{ name: string; estimated_rows: number; bytes: string }>(
    `SELECT c.relname AS name, c.reltuples::bigint AS estimated_rows, pg_total_relation_size(c.oid) AS bytes
     FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'analytics_events'::regclass ORDER BY c.relname`,
  );
  return rows.flatMap((r) => {
    const day = partitionDay(r.name);
    return day
      ? [{ name: r.name, day, estimatedRows: Number(r.estimated_rows), bytes: Number(r.bytes) }]
      : [];
  });
}

export interface DropOptions {
  /** How long one attempt waits for its locks (ms). */
  lockTimeoutMs: number;
  /** Attempts before giving up (the partitions stay for the next run). */
  attempts: number;
  /** Pause between attempts (ms; up to twice that, at random, so retries do not fall into step). */
  pauseMs: number;
}

/**
 * Drops the partitions of `days` (their files go back to the operating system at once, no VACUUM),
 * all in one short transaction. A partition's DROP needs an ACCESS EXCLUSIVE lock on
 * `analytics_events` itself (the partition set changes) and on its default partition: it waits for
 * every transaction using the table, a long report included, and every ingestion INSERT arriving
 * meanwhile queues behind it. So:
 * - an attempt waits at most `lockTimeoutMs` for the locks (ingestion stalls that long at worst),
 *   then gives way for a pause and tries again; one transaction for all the days, so that the
 *   waiting (as long as the longest reader) is paid once, not once per day;
 * - the locks are taken in the order the reports take them (the default partition, then the
 *   table), so a report starting meanwhile waits instead of deadlocking with the drop.
 * (DETACH PARTITION … CONCURRENTLY, which does without the table's lock, is refused while the table
 * has a default partition.) Returns whether they were dropped (false: still busy after every attempt).
 */
export async function dropPartitions(
  client: pg.ClientBase,
  days: string[],
  options: DropOptions,
): Promise<boolean> {
  if (days.length === 0) return true;
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(options.lockTimeoutMs))}`);
      await client.query(`LOCK TABLE ${DEFAULT_PARTITION}, ONLY analytics_events IN ACCESS EXCLUSIVE MODE`);
      for (const day of days) await client.query(`DROP TABLE IF EXISTS "${partitionName(day)}"`);
      await client.query('COMMIT');
      return true;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (!isLockConflict(error)) throw error;
      if (attempt >= options.attempts) return false;
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs * (1 + Math.random())));
    }
  }
}

/** lock_not_available (lock_timeout) or deadlock_detected: the attempt gave way to other work. */
const isLockConflict = (error: unknown): boolean => {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === '55P03' || code === '40P01';
};
