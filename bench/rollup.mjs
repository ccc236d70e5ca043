// Rollup of every aggregate for one UTC day of 1M events (target ≤ 5× that GROUP BY), next to one plain GROUP BY
// over the same day measured in the same run. Three such days follow a smaller one, with the same
// users (so the history lookups find earlier days), and are rolled up oldest first, as the daily job
// does; before each, what autovacuum does between two nightly runs (ANALYZE), so it does not compete
// with the measured rollup, and after generating the data a checkpoint, so that the generator's
// writes are not flushed during the measured rollups. Every day is printed; the verdict is on
// the median, since this VM's speed swings within minutes (the GROUP BY next to each shows it).
// The plan of a day's query shows that a day's rollup reads its own partition only.
// Usage: npm run bench:rollup  [BENCH_EVENTS=1000000] [BENCH_DAYS=3]
import pg from 'pg';
import { loadConfig } from '../dist/infra/config/app-config.js';
import { AnalyticsRollupService } from '../dist/modules/analytics/rollup/analytics-rollup.service.js';
import { addDays, utcDay } from '../dist/modules/analytics/rollup/utc-day.js';
import { fmt, migrate, printMachine, startDatabase, verdict } from './lib.mjs';
import { insertDaySql } from './synthetic-events.mjs';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const DAYS = Number(process.env.BENCH_DAYS ?? 3);
printMachine('bench:rollup');
const db = await startDatabase();
const orm = await migrate(db.url);
const sql = new pg.Client({ connectionString: db.url });
await sql.connect();
const last = addDays(utcDay(new Date()), -2);
const days = Array.from({ length: DAYS }, (_, i) => addDays(last, i - DAYS + 1));
const before = addDays(days[0], -1);
const start = (d) => new Date(`${d}T00:00:00Z`);

let t = Date.now();
await sql.query(insertDaySql(Math.round(EVENTS / 5), 'n'), [start(before)]);
for (const [i, day] of days.entries()) await sql.query(insertDaySql(EVENTS, `r${i}`), [start(day)]);
await sql.query('VACUUM ANALYZE analytics_events');
await sql.query('CHECKPOINT');
console.log(
  `generated ${fmt(EVENTS)} events on each of ${days.join(', ')} (+ ${fmt(EVENTS / 5)} on ${before}) in ${fmt((Date.now() - t) / 1000, 1)} s`,
);

const service = new AnalyticsRollupService(orm, loadConfig({}));
await service.rollupRange(before, before);
const runs = [];
for (const day of days) {
  await sql.query('VACUUM ANALYZE');
  t = performance.now();
  await sql.query(
    `SELECT event_type, count(*), count(DISTINCT user_id) FROM analytics_events
     WHERE "timestamp" >= $1 AND "timestamp" < $2 GROUP BY event_type`,
    [start(day), start(addDays(day, 1))],
  );
  const groupBy = (performance.now() - t) / 1000;
  t = performance.now();
  const outcome = await service.rollupRange(day, day);
  const rollup = (performance.now() - t) / 1000;
  runs.push({ day, groupBy, rollup, result: outcome.ran ? outcome.result[0] : undefined });
}

const plan = (
  await sql.query(
    `EXPLAIN SELECT count(*) FROM analytics_events WHERE "timestamp" >= $1::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'`,
    [last],
  )
).rows
  .map((r) => r['QUERY PLAN'])
  .join('\n');
const partitionsRead = [...new Set(plan.match(/analytics_events_(p\d{8}|default)/g) ?? [])];

await sql.end();
await orm.close();
await db.stop();

console.log('\nday          one GROUP BY over the day   rollup of all aggregates');
for (const r of runs)
  console.log(
    `${r.day}   ${fmt(r.groupBy, 2).padStart(10)} s              ${fmt(r.rollup, 2).padStart(6)} s  (${fmt(r.rollup / r.groupBy, 1)}× the GROUP BY)`,
  );
// Judged as a ratio to the same day's GROUP BY, measured in the same run: this VM's speed swings
// 1.5–2× within minutes, so an absolute time says more about the host than about the code.
const ratio = (r) => r.rollup / r.groupBy;
const median = [...runs].sort((a, b) => ratio(a) - ratio(b))[Math.floor(runs.length / 2)];
console.log(
  `median:      ${fmt(median.rollup, 2)} s, ${fmt(ratio(median), 1)}× the GROUP BY (${median.day})`,
);
console.log(`aggregate rows written:           ${JSON.stringify(median.result?.rows)}`);
for (const r of runs) console.log(`ms per aggregate, ${r.day}:   ${JSON.stringify(r.result?.msByRollup)}`);
console.log(
  `source events counted per day:    ${runs.map((r) => fmt(r.result?.sourceEvents ?? 0)).join(', ')}`,
);
console.log(`partitions a day's query reads:   ${partitionsRead.join(', ')}\n`);
verdict(
  `rollup of one day of 1M events ≤ 5× one GROUP BY over the day (median of ${runs.length} days)`,
  ratio(median) <= 5 && runs.every((r) => r.result?.sourceEvents === EVENTS),
);
verdict("a day's rollup reads only that day's partition", partitionsRead.length === 1);
