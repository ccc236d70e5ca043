import { MikroORM } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { livePools } from '../database/pools.js';

/** Seconds buckets for HTTP requests: the ingestion fast path answers in about a millisecond. */
const HTTP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Rows per group commit: up to ANALYTICS_INGEST_BATCH_ROWS. */
const BATCH_BUCKETS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000];
/** Seconds a day's rollup takes: from a quiet demo day to a day of millions of events. */
const ROLLUP_BUCKETS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

/**
 * This instance's Prometheus metrics (`GET /metrics`). Metrics are per process by nature: every
 * instance is scraped on its own and Prometheus adds them up, so nothing here needs sharing. Each
 * app has its own registry (tests run several apps in one process; prom-client's global registry
 * would refuse the second). Recording is a few arithmetic operations, cheap on the hot path;
 * figures that need the database (rollup lag) are read when scraped, not per request.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by route template, method and status class (2xx, 4xx, …), ingestion fast path included',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });

  readonly events = new Counter({
    name: 'analytics_events_total',
    help: 'Analytics events by outcome: accepted (committed), rejected (invalid request), deduplicated (id already stored)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly ingestQueueFull = new Counter({
    name: 'analytics_ingest_queue_full_total',
    help: 'Ingestion requests answered 503 because the group-commit queue was full',
    registers: [this.registry],
  });

  readonly ingestQueueDepth = new Gauge({
    name: 'analytics_ingest_queue_events',
    help: 'Events validated and waiting for their group commit',
    registers: [this.registry],
  });

  readonly ingestBatchSize = new Histogram({
    name: 'analytics_ingest_batch_events',
    help: 'Events written per group commit',
    buckets: BATCH_BUCKETS,
    registers: [this.registry],
  });

  readonly rollupDayDuration = new Histogram({
    name: 'analytics_rollup_day_duration_seconds',
    help: 'Time to roll one day up (every aggregate of the day, one transaction)',
    buckets: ROLLUP_BUCKETS,
    registers: [this.registry],
  });

  readonly rollupRows = new Counter({
    name: 'analytics_rollup_rows_written_total',
    help: 'Aggregate rows written by rollups, per aggregate',
    labelNames: ['rollup'] as const,
    registers: [this.registry],
  });

  readonly rollupDays = new Counter({
    name: 'analytics_rollup_days_total',
    help: 'Days rolled up by outcome (done, failed)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly rollupLastSuccess = new Gauge({
    name: 'analytics_rollup_last_success_timestamp_seconds',
    help: 'When this instance last finished a rollup run without a failed day (Unix time)',
    registers: [this.registry],
  });

  readonly prunedDays = new Counter({
    name: 'analytics_prune_days_dropped_total',
    help: 'Days of raw events dropped by retention (partitions past ANALYTICS_RETENTION_DAYS)',
    registers: [this.registry],
  });

  readonly jobRuns = new Counter({
    name: 'scheduled_job_runs_total',
    help: 'Scheduled job runs by job and outcome (success, failure)',
    labelNames: ['job', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'scheduled_job_duration_seconds',
    help: 'Scheduled job run time by job',
    labelNames: ['job'] as const,
    buckets: ROLLUP_BUCKETS,
    registers: [this.registry],
  });

  constructor(orm: MikroORM) {
    collectDefaultMetrics({ register: this.registry });
    const ormPool = () => ormPoolOf(orm);
    new Gauge({
      name: 'db_pool_connections',
      help: "This process's PostgreSQL connections per pool (infra/database/pools.ts) and state: in_use, idle, waiting (requests queued for one)",
      labelNames: ['pool', 'state'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        const orm = ormPool();
        if (orm) {
          this.set({ pool: 'orm', state: 'in_use' }, orm.numUsed());
          this.set({ pool: 'orm', state: 'idle' }, orm.numFree());
          this.set({ pool: 'orm', state: 'waiting' }, orm.numPendingAcquires());
        }
        for (const [pool, name] of livePools()) {
          this.inc({ pool: name, state: 'in_use' }, pool.totalCount - pool.idleCount);
          this.inc({ pool: name, state: 'idle' }, pool.idleCount);
          this.inc({ pool: name, state: 'waiting' }, pool.waitingCount);
        }
      },
    });
  }

  /**
   * A figure read from the database when scraped (the rollup's ledger lag, the ORM pool): `read`
   * runs at most once per scrape, and a failure leaves the gauge out rather than failing the scrape.
   */
  gaugeFromScrape(
    name: string,
    help: string,
    labelNames: readonly string[],
    read: () => Promise<Array<{ labels?: Record<string, string>; value: number }>>,
  ): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        const values = await read().catch(() => []);
        for (const { labels, value } of values) {
          if (labels) this.set(labels, value);
          else this.set(value);
        }
      },
    });
  }

  /** Times a scheduled job's run and counts its outcome. */
  async timeJob<T>(job: string, run: () => Promise<T>): Promise<T> {
    const end = this.jobDuration.startTimer({ job });
    try {
      const result = await run();
      this.jobRuns.inc({ job, outcome: 'success' });
      return result;
    } catch (error) {
      this.jobRuns.inc({ job, outcome: 'failure' });
      throw error;
    } finally {
      end();
    }
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

/** The ORM's connection pool: knex's (tarn) under MikroORM 6; undefined if that ever changes. */
function ormPoolOf(orm: MikroORM): TarnPool | undefined {
  const client = orm.em.getConnection().getKnex().client as { pool?: Partial<TarnPool> };
  const pool = client.pool;
  return typeof pool?.numUsed === 'function' &&
    typeof pool.numFree === 'function' &&
    typeof pool.numPendingAcquires === 'function'
    ? (pool as TarnPool)
    : undefined;
}
