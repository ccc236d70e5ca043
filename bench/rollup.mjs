// Rollup of every aggregate for one UTC day of 1M events (target ≤ 5 s), next to one plain GROUP BY
// over the same day measured in the same run. The day before holds events too (the same users, so
// the history lookups find earlier days) and is rolled up first, as the daily job does (oldest day
// first); the plan of a day's query shows that it reads its own partition only.
// Usage: npm run bench:rollup  [BENCH_EVENTS=1000000]
import pg from 'pg';
import { loadConfig } from '../dist/infra/config/app-config.js';
import { AnalyticsRollupService } from '../dist/modules/analytics/rollup/analytics-rollup.service.js';
import { addDays, utcDay } from '../dist/modules/analytics/rollup/utc-day.js';
import { fmt, migrate, printMachine, startDatabase, verdict } from './lib.mjs';
import { insertDaySql } from './synthetic-events.mjs';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
printMachine('bench:rollup');
const db = await startDatabase();
const orm = await migrate(db.url);
const sql = new pg.Client({ connectionString: db.url });
await sql.connect();
const day = addDays(utcDay(new Date()), -2);
const start = (d) => new Date(`${d}T00:00:00Z`);

let t = Date.now();
await sql.query(insertDaySql(EVENTS, 'r'), [start(day)]);
await sql.query(insertDaySql(Math.round(EVENTS / 5), 'n'), [start(addDays(day, -1))]);
await sql.query('VACUUM ANALYZE analytics_events');
// The generator's writes are flushed now, not by a checkpoint competing with the measured rollup.
await sql.query('CHECKPOINT');
console.log(
  `generated ${fmt(EVENTS)} events on ${day} (+ ${fmt(EVENTS / 5)} on the day before) in ${fmt((Date.now() - t) / 1000, 1)} s`,
);

const range = [start(day), start(addDays(day, 1))];
t = performance.now();
await sql.query(
  `SELECT event_type, count(*), count(DISTINCT user_id) FROM analytics_events
                 WHERE "timestamp" >= $1 AND "timestamp" < $2 GROUP BY event_type`,
  range,
);
const groupBy = (performance.now() - t) / 1000;

const service = new AnalyticsRollupService(orm, loadConfig({}));
await service.rollupRange(addDays(day, -1), addDays(day, -1)); // the smaller day before, first
// What autovacuum does in the day between two nightly runs: the aggregates have statistics, and no
// autoanalyze of them competes with the measured rollup.
await sql.query('VACUUM ANALYZE');
t = performance.now();
const outcome = await service.rollupRange(day, day);
const rollup = (performance.now() - t) / 1000;
const result = outcome.ran ? outcome.result[0] : undefined;

const plan = (
  await sql.query(
    `EXPLAIN SELECT count(*) FROM analytics_events WHERE "timestamp" >= $1::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'`,
    [day],
  )
).rows
  .map((r) => r['QUERY PLAN'])
  .join('\n');
const partitionsRead = [...new Set(plan.match(/analytics_events_(p\d{8}|default)/g) ?? [])];

await sql.end();
await orm.close();
await db.stop();

console.log(`\none GROUP BY over the day:        ${fmt(groupBy, 2)} s`);
console.log(
  `rollup of all aggregates:         ${fmt(rollup, 2)} s  (${fmt(rollup / groupBy, 1)}× the GROUP BY)`,
);
console.log(`aggregate rows written:           ${JSON.stringify(result?.rows)}`);
console.log(`ms per aggregate:                 ${JSON.stringify(result?.msByRollup)}`);
console.log(`source events counted:            ${fmt(result?.sourceEvents ?? 0)}`);
console.log(`partitions a day's query reads:   ${partitionsRead.join(', ')}\n`);
verdict('rollup of one day of 1M events ≤ 5 s', rollup <= 5 && result?.sourceEvents === EVENTS);
verdict("a day's rollup reads only that day's partition", partitionsRead.length === 1);
