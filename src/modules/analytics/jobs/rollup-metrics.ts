import { MikroORM } from '@mikro-orm/postgresql';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { MetricsService } from '../../../infra/metrics/metrics.service.js';
import { ROLLUP_NAMES, type DailyRunReport } from '../rollup/index.js';

/**
 * Closed days with raw events whose aggregates are not all written yet: what a dashboard would
 * compute from raw events (slowly) until the rollup catches up. Read from the catalogue and the
 * ledger when Prometheus scrapes; a few rows, whatever the data volume.
 */
const LAG_SQL = `
SELECT count(*)::int AS days FROM (
  SELECT to_date(substring(c.relname FROM '^analytics_events_p(\\d{8})$'), 'YYYYMMDD') AS day
  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
  WHERE i.inhparent = 'analytics_events'::regclass AND c.relname ~ '^analytics_events_p\\d{8}$') p
WHERE p.day < (now() AT TIME ZONE 'UTC')::date
  AND (SELECT count(*) FROM analytics_rollup_ledger l
       WHERE l.day = p.day AND l.rollup = ANY(?) AND l.status = 'done') < ?`;

/**
 * How far the aggregates of today lag behind now: now − the provisional day's covers_until, or the
 * seconds since midnight before the day's first refresh (or with refreshes off). About a minute
 * after a refresh, growing to the interval and a minute; more means refreshes stall or are skipped.
 */
const PROVISIONAL_LAG_SQL = `
SELECT extract(epoch FROM now() - coalesce(max(covers_until),
    ((now() AT TIME ZONE 'UTC')::date)::timestamp AT TIME ZONE 'UTC'))::float8 AS seconds
FROM analytics_rollup_ledger WHERE day = (now() AT TIME ZONE 'UTC')::date AND status = 'provisional'`;

/** The analytics pipeline's figures in `/metrics`: what each rollup run did, and the ledger's lag. */
@Injectable()
export class RollupMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(MikroORM) private readonly orm: MikroORM,
  ) {}

  onModuleInit(): void {
    this.metrics.gaugeFromScrape(
      'analytics_rollup_lag_days',
      'Closed days with raw events not yet rolled up into every aggregate (the ledger lag)',
      [],
      async () => {
        const rows = await this.orm.em
          .fork()
          .getConnection()
          .execute<{ days: number }[]>(LAG_SQL, [ROLLUP_NAMES, ROLLUP_NAMES.length]);
        return [{ value: Number(rows[0]?.days ?? 0) }];
      },
    );
    this.metrics.gaugeFromScrape(
      'analytics_provisional_lag_seconds',
      "Seconds today's aggregates lag behind now: since the provisional day's covers_until, or since midnight before its first refresh",
      [],
      async () => {
        const rows = await this.orm.em
          .fork()
          .getConnection()
          .execute<{ seconds: number }[]>(PROVISIONAL_LAG_SQL);
        return [{ value: Number(rows[0]?.seconds ?? 0) }];
      },
    );
  }

  /** What a run of the daily job did: per day, its time and rows; retention; success time. */
  recordRun(report: DailyRunReport, now = new Date()): void {
    for (const day of [...report.rolledUp, ...report.rebuilt]) {
      this.metrics.rollupDayDuration.observe(day.ms / 1000);
      this.metrics.rollupDays.inc({ outcome: 'done' });
      for (const [rollup, rows] of Object.entries(day.rows)) this.metrics.rollupRows.inc({ rollup }, rows);
    }
    if (report.failed.length > 0) this.metrics.rollupDays.inc({ outcome: 'failed' }, report.failed.length);
    this.metrics.prunedDays.inc(report.pruned.dropped.length);
    if (report.failed.length === 0) this.metrics.rollupLastSuccess.set(now.getTime() / 1000);
  }
}
