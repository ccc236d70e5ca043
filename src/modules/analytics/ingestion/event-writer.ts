import { MikroORM } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type pg from 'pg';
import { APP_CONFIG, type AppConfig } from '../../../infra/config/app-config.js';
import { MetricsService } from '../../../infra/metrics/metrics.service.js';
import { openPool } from '../../../infra/database/pools.js';
import { IngestionOverloadedError } from '../analytics.errors.js';
import type { EventRow } from './event-row.js';

/**
 * The columns a batch carries, in order: each row travels as a JSON array of these values (no
 * keys), and PostgreSQL reads them by position from one jsonb parameter. Unpacking positional
 * jsonb costs PostgreSQL about half of what json_to_recordset's per-object field lookup does, and
 * custom_data arrives already parsed.
 */
const COLUMNS = [
  ['id', 'text'],
  ['client_id', 'boolean'],
  ['user_id', 'text'],
  ['session_id', 'text'],
  ['event_type', 'text'],
  ['event_action', 'text'],
  ['button_name', 'text'],
  ['page', 'text'],
  ['destination', 'text'],
  ['course_id', 'text'],
  ['class_id', 'text'],
  ['utm_source', 'text'],
  ['utm_medium', 'text'],
  ['utm_campaign', 'text'],
  ['utm_term', 'text'],
  ['utm_content', 'text'],
  ['platform', 'text'],
  ['is_logged_in', 'boolean'],
  ['user_email', 'text'],
  ['custom_data', 'jsonb'],
  ['timestamp', 'timestamptz'],
] as const satisfies readonly (readonly [keyof EventRow, string])[];

const FIELDS = COLUMNS.map(([name, type], i) =>
  type === 'jsonb' ? `nullif(r -> ${i}, 'null') AS "${name}"` : `(r ->> ${i})::${type} AS "${name}"`,
).join(', ');

/**
 * One statement per batch: ids the client chose are first claimed in `analytics_event_ids` (a
 * retry finds them taken and its rows are skipped); the rest goes to the partitioned table, where
 * PostgreSQL routes each row to its day.
 */
const INSERT_SQL = `
WITH input AS (
  SELECT ${FIELDS} FROM jsonb_array_elements($1::jsonb) AS r
), claimed AS (
  INSERT INTO analytics_event_ids (id) SELECT id FROM input WHERE client_id
  ON CONFLICT (id) DO NOTHING RETURNING id
)
INSERT INTO analytics_events (id, user_id, session_id, event_type, event_action, button_name, page,
  destination, course_id, class_id, utm_source, utm_medium, utm_campaign, utm_term, utm_content,
  platform, is_logged_in, user_email, custom_data, "timestamp")
SELECT id, user_id, session_id, event_type, event_action, button_name, page, destination, course_id,
  class_id, utm_source, utm_medium, utm_campaign, utm_term, utm_content, platform,
  coalesce(is_logged_in, false), user_email, custom_data, "timestamp"
FROM input
WHERE client_id IS NOT TRUE OR id IN (SELECT id FROM claimed)`;

const NAMES = COLUMNS.map(([name]) => name);

/** One row as it travels: the JSON array of its column values. */
function toJsonRow(row: EventRow): string {
  const values = new Array<unknown>(NAMES.length);
  for (let i = 0; i < NAMES.length; i++) values[i] = row[NAMES[i]!] ?? null;
  return JSON.stringify(values);
}

interface Pending {
  /** The request's rows, serialised when queued: strings are all that waits for the write. */
  rows: string[];
  /** Each row's client-chosen id (null for ids the server made); undefined when there is none. */
  clientIds: (string | null)[] | undefined;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for event ingestion. Requests enqueue validated rows and wait; while a write is in
 * flight the queue fills, and the next write sends everything waiting (up to `batchRows`) in one
 * statement on one of the writer's own connections. Each waiting request is answered after that
 * statement commits, or rejected if it fails, so a 2xx always means committed. Requests are never
 * split across writes, so a request's events are all written or none.
 */
@Injectable()
export class EventWriter implements OnApplicationShutdown {
  private readonly logger = new Logger(EventWriter.name);
  private readonly pool: pg.Pool;
  private readonly queue: Pending[] = [];
  private queuedRows = 0;
  private inFlight = 0;
  private drained: (() => void) | undefined;

  constructor(
    @Inject(MikroORM) orm: MikroORM,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {
    // An idle connection that breaks must not crash the process; the next write reconnects.
    this.pool = openPool(
      'ingestion',
      orm.config.get('clientUrl') ?? '',
      config.analytics.ingest.connections,
      (error) => this.logger.warn(`idle ingestion connection lost: ${error.message}`),
    );
  }

  /** Resolves once the rows are committed. Throws at once (→ 503) when the queue is full. */
  write(rows: EventRow[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    if (this.queuedRows + rows.length > this.config.analytics.ingest.maxQueuedEvents) {
      this.metrics.ingestQueueFull.inc();
      throw new IngestionOverloadedError();
    }
    // Serialised now, the rows' objects (and the request body they came from) die young instead of
    // waiting in the queue through a garbage collection or two, which would move them to the old
    // generation and grow the heap until the next full collection.
    const clientIds = rows.some((row) => row.client_id)
      ? rows.map((row) => (row.client_id ? row.id : null))
      : undefined;
    const serialised = rows.map(toJsonRow);
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ rows: serialised, clientIds, resolve, reject });
      this.queuedRows += rows.length;
      this.metrics.ingestQueueDepth.set(this.queuedRows);
      this.pump();
    });
  }

  private pump(): void {
    const { connections, batchRows } = this.config.analytics.ingest;
    while (this.inFlight < connections && this.queue.length > 0) {
      const group: Pending[] = [];
      let size = 0;
      for (
        let next = this.queue[0];
        next !== undefined && (group.length === 0 || size + next.rows.length <= batchRows);
        next = this.queue[0]
      ) {
        this.queue.shift();
        group.push(next);
        size += next.rows.length;
      }
      this.queuedRows -= size;
      this.metrics.ingestQueueDepth.set(this.queuedRows);
      this.metrics.ingestBatchSize.observe(size);
      this.inFlight++;
      void this.flush(group).finally(() => {
        this.inFlight--;
        if (this.inFlight === 0 && this.queue.length === 0) this.drained?.();
        this.pump();
      });
    }
  }

  private async flush(group: Pending[]): Promise<void> {
    try {
      await this.insert(group);
      for (const p of group) p.resolve();
    } catch (error) {
      const [only] = group;
      if (only && group.length === 1) {
        only.reject(error);
        return;
      }
      // One request's rows may be what failed: retry each alone so the others still succeed.
      for (const p of group) {
        await this.insert([p]).then(p.resolve, p.reject);
      }
    }
  }

  private async insert(group: Pending[]): Promise<void> {
    const result = await this.pool.query({
      name: 'analytics_insert_events',
      text: INSERT_SQL,
      values: [`[${dedupe(group).join(',')}]`],
    });
    // Rows of the requests not inserted: their client id was already stored (a retry) or repeated.
    const sent = group.reduce((n, p) => n + p.rows.length, 0);
    const inserted = result.rowCount ?? sent;
    this.metrics.events.inc({ outcome: 'accepted' }, inserted);
    if (sent > inserted) this.metrics.events.inc({ outcome: 'deduplicated' }, sent - inserted);
  }

  /** Lets queued writes finish (their requests are still waiting), then closes the connections. */
  async onApplicationShutdown(): Promise<void> {
    if (this.inFlight > 0 || this.queue.length > 0) {
      await new Promise<void>((resolve) => (this.drained = resolve));
    }
    await this.pool.end();
  }
}

/** The rows of a statement; a client id twice in it would insert two rows: keep the first. */
function dedupe(group: Pending[]): string[] {
  const rows: string[] = [];
  const seen = new Set<string>();
  for (const { rows: parts, clientIds } of group) {
    if (!clientIds) {
      for (const part of parts) rows.push(part);
      continue;
    }
    parts.forEach((part, i) => {
      const id = clientIds[i] ?? null; // clientIds runs parallel to parts
      if (id !== null && seen.has(id)) return;
      if (id !== null) seen.add(id);
      rows.push(part);
    });
  }
  return rows;
}
