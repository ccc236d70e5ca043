// Retention at scale: 120 days × 83k events (10M rows); prune drops the 30 days past the 90-day
// retention (target ≤ 1 s, disk returned), next to a DELETE + VACUUM of as many rows (30 other
// days) measured in the same run, whose files do not shrink.
// Usage: npm run bench:prune  [BENCH_EVENTS_PER_DAY=83334]
import pg from 'pg';
import { loadConfig } from '../dist/infra/config/app-config.js';
import { AnalyticsRollupService } from '../dist/modules/analytics/rollup/analytics-rollup.service.js';
import { addDays, utcDay } from '../dist/modules/analytics/rollup/utc-day.js';
import { fmt, loadEventsWithoutIndexes, migrate, printMachine, startDatabase, verdict } from './lib.mjs';

const PER_DAY = Number(process.env.BENCH_EVENTS_PER_DAY ?? 83_334);
const DAYS = 120;
printMachine('bench:prune');
const db = await startDatabase();
const orm = await migrate(db.url);
const sql = new pg.Client({ connectionString: db.url });
await sql.connect();
const today = utcDay(new Date());
const first = addDays(today, -DAYS);
const mb = (bytes) => `${fmt(bytes / 2 ** 20)} MB`;
const dbSize = async () =>
  Number((await sql.query('SELECT pg_database_size(current_database()) AS b')).rows[0].b);

// 10M narrow rows, written without indexes (rebuilt after) so generating them stays within minutes.
let t = Date.now();
await loadEventsWithoutIndexes(sql, first, today, () =>
  sql.query(
    `INSERT INTO analytics_events (id, session_id, user_id, event_type, page, "timestamp")
    SELECT 'p' || g, 'sess-' || g / 20, 'user-' || g % 5000, (ARRAY['we_page_load','gtm_custom_click','class_event'])[1 + g % 3],
      '/courses/' || g % 50, $1::timestamptz + (g::float8 / $2) * interval '1 day'
    FROM generate_series(0, $2::bigint * ${DAYS} - 1) AS g`,
    [new Date(`${first}T00:00:00Z`), PER_DAY],
  ),
);
await sql.query('VACUUM ANALYZE analytics_events');
const total = Number((await sql.query('SELECT count(*) AS n FROM analytics_events')).rows[0].n);
console.log(`generated ${fmt(total)} events over ${DAYS} days in ${fmt((Date.now() - t) / 1000, 1)} s`);

// The 30 oldest days are rolled up for real (retention never drops a day that is not).
const service = new AnalyticsRollupService(orm, loadConfig({}));
t = Date.now();
await service.rollupRange(first, addDays(today, -91));
console.log(`rolled up the 30 oldest days in ${fmt((Date.now() - t) / 1000, 1)} s`);

const before = await dbSize();
t = performance.now();
const pruned = await service.prune();
const pruneSeconds = (performance.now() - t) / 1000;
const afterPrune = await dbSize();
const dropped = pruned.ran ? pruned.result.dropped : [];

// Baseline: DELETE as many rows (the next 30 days) and VACUUM. (Here each day is its own partition,
// so VACUUM can truncate the emptied files; in one unpartitioned table the space would stay.)
const from = new Date(`${addDays(today, -90)}T00:00:00Z`);
const to = new Date(`${addDays(today, -60)}T00:00:00Z`);
t = performance.now();
const deleted = await sql.query(`DELETE FROM analytics_events WHERE "timestamp" >= $1 AND "timestamp" < $2`, [
  from,
  to,
]);
const deleteSeconds = (performance.now() - t) / 1000;
t = performance.now();
await sql.query('VACUUM analytics_events');
const vacuumSeconds = (performance.now() - t) / 1000;
const afterDelete = await dbSize();

await sql.end();
await orm.close();
await db.stop();

console.log(
  `\nprune (drop ${dropped.length} day partitions):       ${fmt(pruneSeconds, 3)} s, database ${mb(before)} → ${mb(afterPrune)} (${mb(before - afterPrune)} returned)`,
);
console.log(
  `baseline DELETE of ${fmt(deleted.rowCount)} rows:    ${fmt(deleteSeconds, 2)} s + VACUUM ${fmt(vacuumSeconds, 2)} s, database ${mb(afterPrune)} → ${mb(afterDelete)}`,
);
console.log(
  `prune is ${fmt((deleteSeconds + vacuumSeconds) / pruneSeconds, 0)}× faster than DELETE + VACUUM\n`,
);
verdict('30 of 120 days pruned', dropped.length === 30);
verdict('prune ≤ 1 s', pruneSeconds <= 1);
verdict(
  'disk space of the dropped partitions returned',
  pruned.ran && before - afterPrune >= 0.8 * pruned.result.bytesFreed,
);
