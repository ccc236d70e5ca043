// Retention at scale, under load: 120 days × 83k events (10M rows). Dropping a partition needs an
// ACCESS EXCLUSIVE lock on analytics_events: it waits for every transaction using the table, and
// ingestion queues behind it. Measured in one run, with trackers posting events over HTTP all along
// (BENCH_INGEST_RPS requests/s of 1–5 events, no client ids, half logged in):
//   A. ingestion only:  prune of the 30 days past the 90-day retention (the job's code) and the
//      same length of time without a prune: ingestion p99 and longest wait, target p99 ≤ 2× and no
//      request waiting over 1 s; then 15 other days dropped as prune did before (a plain DROP TABLE
//      each, no lock timeout), printed;
//   B. the same with a staff member reloading a report over the last 7 days incl. today without a
//      pause (today from raw events: each request reads analytics_events for a few hundred ms):
//      prune of 30 more days (as the job would 30 days later) and plain DROPs of 15 more, printed,
//      with no request waiting over 1 s during the prune as the verdict;
//   C. DELETE + VACUUM of 30 more days' rows under ingestion: prune must be faster.
// Usage: npm run bench:prune  [BENCH_EVENTS_PER_DAY=83334] [BENCH_INGEST_RPS=200] [BENCH_PHASE_SECONDS=10]
import http from 'node:http';
import pg from 'pg';
import { loadConfig } from '#dist/infra/config/app-config.js';
import {
  addDays,
  AnalyticsRollupService,
  partitionName,
  utcDay,
} from '#dist/modules/analytics/rollup/index.js';
import {
  fmt,
  getJson,
  loadEventsWithoutIndexes,
  migrate,
  must,
  printMachine,
  startApp,
  startDatabase,
  verdict,
} from './lib.mjs';
import { issueTokens, latencySummary, startTrackerLoad } from './tracker-load.mjs';

const PER_DAY = Number(process.env.BENCH_EVENTS_PER_DAY ?? 83_334);
const RPS = Number(process.env.BENCH_INGEST_RPS ?? 200);
const PHASE_SECONDS = Number(process.env.BENCH_PHASE_SECONDS ?? 10);
const DAYS = 120;
const JWT_SECRET = 'p'.repeat(48);
printMachine('bench:prune');
const started = Date.now();
const db = await startDatabase();
const orm = await migrate(db.url);
const sql = new pg.Client({ connectionString: db.url });
await sql.connect();
const today = utcDay(new Date());
const first = addDays(today, -DAYS);
const todayStart = new Date(`${today}T00:00:00Z`);
const mb = (/** @type {number} */ bytes) => `${fmt(bytes / 2 ** 20)} MB`;
const dbSize = async () =>
  Number((await sql.query('SELECT pg_database_size(current_database()) AS b')).rows[0].b);
const events = (/** @type {Date} */ from, /** @type {number} */ perDay, /** @type {number} */ days) =>
  sql.query(
    `INSERT INTO analytics_events (id, session_id, user_id, event_type, page, "timestamp")
    SELECT 'p' || $3::text || '-' || g, 'sess-' || g / 20, 'user-' || g % 5000, (ARRAY['we_page_load','gtm_custom_click','class_event'])[1 + g % 3],
      '/courses/' || g % 50, $1::timestamptz + (g::float8 / $2::int) * interval '1 day'
    FROM generate_series(0, ($2::int * $3::float8)::bigint - 1) AS g`,
    [from, perDay, days],
  );

// 10M narrow rows, written without indexes (rebuilt after) so generating them stays within minutes;
// and today so far (the report's raw events).
let t = Date.now();
const todaySoFar = Math.max(0.05, (Date.now() - todayStart.getTime()) / 86_400_000 - 0.001);
await loadEventsWithoutIndexes(sql, first, today, async () => {
  await events(new Date(`${first}T00:00:00Z`), PER_DAY, DAYS);
  await events(todayStart, PER_DAY, todaySoFar);
});
await sql.query('VACUUM ANALYZE analytics_events');
const total = Number((await sql.query('SELECT count(*) AS n FROM analytics_events')).rows[0].n);
console.log(
  `generated ${fmt(total)} events over ${DAYS} days and today in ${fmt((Date.now() - t) / 1000, 1)} s`,
);

// The 60 oldest days are rolled up for real (retention never drops a day that is not).
const service = new AnalyticsRollupService(orm, loadConfig({}));
t = Date.now();
await service.rollupRange(first, addDays(today, -61));
await service.ensurePartitions();
console.log(`rolled up the 60 oldest days in ${fmt((Date.now() - t) / 1000, 1)} s`);
const users = await issueTokens(orm, JWT_SECRET, 200);

// --- The app, ingestion, and (in B) a staff member reloading a report over the last 7 days.
const app = await startApp(db.url, { env: { JWT_SECRET } });
const staff = must((await issueTokens(orm, JWT_SECRET, 1, 'staff'))[0], 'a staff token').token;
const reportPath = `/analytics/reports/engagement/active-users?from=${addDays(today, -6)}&to=${today}`;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const load = startTrackerLoad({ port: app.port, users, rps: RPS });
await sleep(3000);

/** @typedef {{ from: number; to: number; workFrom: number; workTo: number }} Window performance.now() ms */

/**
 * Runs `work` 2 s into a window of at least PHASE_SECONDS (2 s after it at least); `length` fixes the window.
 * @template T
 * @param {() => Promise<T>} work
 * @returns {Promise<Window & { result: T }>}
 */
async function phase(work, length = PHASE_SECONDS * 1000) {
  const from = performance.now();
  await sleep(2000);
  const workFrom = performance.now();
  const result = await work();
  const workTo = performance.now();
  await sleep(Math.max(2000, length - (workTo - from)));
  return { from, to: performance.now(), workFrom, workTo, result };
}
/**
 * The job's prune as of `now`, then a window as long without it.
 * @param {Date} now
 */
async function pruneAndBaseline(now) {
  const before = await dbSize();
  const pruned = await phase(() => service.prune({ now }));
  const after = await dbSize();
  const quiet = await phase(async () => undefined, pruned.to - pruned.from);
  return { pruned, quiet, before, after };
}
let deadlocks = 0;
/**
 * The drop as prune did before: one DROP TABLE per day, waiting for its locks as long as it takes.
 * @param {number} fromDaysAgo
 */
async function plainDrops(fromDaysAgo) {
  return phase(async () => {
    for (let d = fromDaysAgo; d > fromDaysAgo - 15; d--) {
      for (;;) {
        try {
          await sql.query(`DROP TABLE ${partitionName(addDays(today, -d))}`);
          break;
        } catch (error) {
          if (!(error instanceof Error && 'code' in error && error.code === '40P01')) throw error;
          deadlocks++;
        }
      }
    }
  });
}

const a = { ...(await pruneAndBaseline(new Date())), plain: await plainDrops(60) };
/** @type {number[]} */
const reportTimes = [];
let reporting = true;
const reports = (async () => {
  while (reporting) {
    const at = performance.now();
    await getJson(app.port, reportPath, staff, agent);
    reportTimes.push(performance.now() - at);
  }
})();
const b = {
  ...(await pruneAndBaseline(new Date(Date.now() + 30 * 86_400_000))),
  plain: await plainDrops(45),
};
reporting = false;
await reports;
const c = await phase(async () => {
  const from = new Date(`${addDays(today, -30)}T00:00:00Z`);
  const at = performance.now();
  const deleted = await sql.query(
    `DELETE FROM analytics_events WHERE "timestamp" >= $1 AND "timestamp" < $2`,
    [from, todayStart],
  );
  const deleteSeconds = (performance.now() - at) / 1000;
  await sql.query('VACUUM analytics_events');
  return {
    rows: deleted.rowCount ?? 0, // a DELETE always reports its count
    deleteSeconds,
    vacuumSeconds: (performance.now() - at) / 1000 - deleteSeconds,
  };
});
await load.stop();
agent.destroy();
await app.stop();
await sql.end();
await orm.close();
await db.stop();

/** @typedef {typeof a} Scenario */
const window = (/** @type {Window} */ p) => latencySummary(load.samples, p.from, p.to);
const during = (/** @type {Window} */ p) => latencySummary(load.samples, p.workFrom, p.workTo);
const secondsOf = (/** @type {Window} */ p) => (p.workTo - p.workFrom) / 1000;
const droppedOf = (/** @type {Scenario} */ s) => (s.pruned.result.ran ? s.pruned.result.result.dropped : []);
reportTimes.sort((x, y) => x - y);
console.log(`\nload: ${fmt(RPS)} ingestion requests/s (1–5 events each, half logged in) all along;`);
console.log(
  `in B also ${reportPath.split('?')[0]} over 7 days incl. today, back to back: ${fmt(reportTimes.length)} reports, ` +
    `median ${fmt(must(reportTimes[reportTimes.length >> 1], 'a report time'))} ms, ` +
    `p95 ${fmt(must(reportTimes[Math.floor(reportTimes.length * 0.95)], 'a report time'))} ms`,
);
console.log(
  `\ningestion latency (ms)                                 requests    p50     p99     max   longest gap   not 201`,
);
const row = (/** @type {string} */ label, /** @type {ReturnType<typeof latencySummary>} */ s) =>
  console.log(
    `  ${label.padEnd(50)} ${fmt(s.requests).padStart(6)} ${ms(s.p50)} ${ms(s.p99)} ${ms(s.max)} ${ms(s.longestGap)}      ${s.failed}`,
  );
for (const [name, s] of /** @type {[string, Scenario][]} */ ([
  ['A (ingestion only)', a],
  ['B (+ report)', b],
])) {
  console.log(`${name}:`);
  row(`window with the prune (${fmt((s.pruned.to - s.pruned.from) / 1000, 1)} s)`, window(s.pruned));
  row(`  of which during the prune (${fmt(secondsOf(s.pruned), 2)} s)`, during(s.pruned));
  row(`same length without a prune`, window(s.quiet));
  row(`15 plain DROP TABLE, one each (${fmt(secondsOf(s.plain), 2)} s)`, during(s.plain));
  console.log(
    `  prune dropped ${droppedOf(s).length} days in ${fmt(secondsOf(s.pruned), 2)} s: database ${mb(s.before)} → ${mb(s.after)} (${mb(s.before - s.after)} returned)`,
  );
}
if (deadlocks) console.log(`plain DROP TABLE deadlocked with the report ${deadlocks} time(s) (retried)`);
row(`C: during DELETE + VACUUM (${fmt(secondsOf(c), 1)} s)`, during(c));
const { rows: deletedRows, deleteSeconds, vacuumSeconds } = c.result;
console.log(
  `baseline DELETE of ${fmt(deletedRows)} rows: ${fmt(deleteSeconds, 2)} s + VACUUM ${fmt(vacuumSeconds, 2)} s ` +
    `(prune in A ${fmt((deleteSeconds + vacuumSeconds) / secondsOf(a.pruned), 1)}× faster)`,
);
console.log(`total bench time ${fmt((Date.now() - started) / 1000)} s\n`);
const [withPrune, without] = [window(a.pruned), window(a.quiet)];
verdict('30 + 30 of 120 days pruned', droppedOf(a).length === 30 && droppedOf(b).length === 30);
verdict(
  'disk space of the dropped partitions returned',
  a.pruned.result.ran && a.before - a.after >= 0.8 * a.pruned.result.result.bytesFreed,
);
verdict(
  `A: ingestion p99 with the prune ≤ 2× without (${fmt(withPrune.p99, 1)} vs ${fmt(without.p99, 1)} ms)`,
  withPrune.p99 <= 2 * without.p99,
);
for (const [name, s] of /** @type {[string, Scenario][]} */ ([
  ['A', a],
  ['B', b],
]))
  verdict(
    `${name}: no ingestion request waits over 1 s during the prune (longest ${fmt(during(s.pruned).max)} ms)`,
    during(s.pruned).max <= 1000,
  );
verdict(
  'prune faster than DELETE + VACUUM of as many rows',
  secondsOf(a.pruned) < deleteSeconds + vacuumSeconds,
);

/** @param {number} n */
function ms(n) {
  return fmt(n, 1).padStart(7);
}

/** @param {number} msToWait */
function sleep(msToWait) {
  return new Promise((resolve) => setTimeout(resolve, msToWait));
}
