import type pg from 'pg';
import { partitionDay, partitionName } from './utc-day.js';

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
 * partition move into them (the SQL function `analytics_events_ensure_partition`, from the
 * partitioning migration). Returns the partitions created.
 */
export async function ensurePartitions(client: pg.ClientBase, days: string[]): Promise<string[]> {
  const created: string[] = [];
  for (const day of days) {
    const { rows } = await client.query<{ created: boolean }>(
      'SELECT analytics_events_ensure_partition($1::date) AS created',
      [day],
    );
    if (rows[0].created) created.push(partitionName(day));
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

/** Dropping a whole partition returns its files to the operating system at once (no VACUUM). */
export async function dropPartition(client: pg.ClientBase, day: string): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS "${partitionName(day)}"`);
}
