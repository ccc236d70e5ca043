// The nightly analytics job as production runs it: `runDaily` inside the app (jobs on, fired by its
// cron), while trackers keep posting events over HTTP, on a database with ~90 days of aggregates.
// Each day it rolls up is judged against one plain GROUP BY over the same day, measured in the same
// run under the same ingestion (target: the worst day ≤ 5× its GROUP BY); the app's peak RSS while
// the job runs is judged too (≤ 400 MB). Nothing the job does not do itself runs in between: no
// VACUUM, ANALYZE or BRIN summarising (autovacuum runs, as it does in production).
//
// The database, as the job finds it on a night T:
// - history: days T-91 … T-5 rolled up and sealed, BENCH_HISTORY_EVENTS (100k) events each (a tenth
//   of a measured day, to keep the run within minutes: the history tables have 87 days of rows, of
//   smaller days), users drawn from the same 20,000 as the measured days; their raw events are
//   truncated once rolled up (never read again; T-91 is past retention and the job drops it);
// - the last ANALYTICS_REROLL_DAYS + 1 days (T-4 … T-1) of BENCH_EVENTS (1M) events each, rolled up
//   by the three nights before as the job does (T-4 three times, T-3 twice, T-2 once), so tonight T-1
//   is new and T-4 … T-2 are re-rolls that delete their rows first;
// - 8 days of deduplication ids (100k a day), the oldest past the 7-day window;
// - the raw tables analysed once after loading (what autovacuum does during the day) and a
//   CHECKPOINT after the setup, so that minutes of generated writes are not flushed during the job.
// Usage: npm run bench:rollup  [BENCH_EVENTS=1000000] [BENCH_HISTORY_EVENTS=100000] [BENCH_INGEST_RPS=200]
//   [BENCH_SETUP_DIR=/tmp/bench-rollup]  save the setup there (a stopped data directory); a later run
//     the same UTC day starts on a copy of it instead of generating it again
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { loadConfig } from '#dist/infra/config/app-config.js';
import {
  addDays,
  ANALYTICS_LOCK,
  AnalyticsRollupService,
  daysBetween,
  partitionName,
  utcDay,
} from '#dist/modules/analytics/rollup/index.js';
import {
  fmt,
  loadEventsWithoutIndexes,
  migrate,
  must,
  printMachine,
  sampleRss,
  startApp,
  startDatabase,
  verdict,
} from './lib.mjs';
import { insertDaySql } from './synthetic-events.mjs';
import { issueTokens, latencySummary, startTrackerLoad } from './tracker-load.mjs';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const HISTORY_EVENTS = Number(process.env.BENCH_HISTORY_EVENTS ?? 100_000);
const RPS = Number(process.env.BENCH_INGEST_RPS ?? 200);
const DEDUP_PER_DAY = 100_000;
/** The job's cron fires this long after the app is spawned: boot, warm-up and the baselines fit in it. */
const LEAD_SECONDS = Number(process.env.BENCH_LEAD_SECONDS ?? 45);
const SETUP_DIR = process.env.BENCH_SETUP_DIR;
const JWT_SECRET = randomBytes(32).toString('hex');
const config = loadConfig({});
const { rerollDays, retentionDays } = config.analytics;

printMachine('bench:rollup');
const started = Date.now();
const today = utcDay(new Date());
const days = daysBetween(addDays(today, -1 - rerollDays), addDays(today, -1));
const [firstDay, lastDay] = [must(days[0], 'a first day'), must(days.at(-1), 'a last day')];
const history = daysBetween(addDays(today, -retentionDays - 1), addDays(firstDay, -1));
const [firstHistoryDay, lastHistoryDay] = [
  must(history[0], 'a history day'),
  must(history.at(-1), 'a history day'),
];
const start = (/** @type {string} */ d) => new Date(`${d}T00:00:00Z`);
const seconds = (/** @type {number} */ from) => fmt((Date.now() - from) / 1000, 1);
const SAVED = SETUP_DIR && (await readFile(join(SETUP_DIR, 'day'), 'utf8').catch(() => '')) === today;

/** @type {Awaited<ReturnType<typeof startDatabase>> | undefined} */
let db;
if (SAVED) {
  console.log(`setup: a copy of the one saved in ${SETUP_DIR} today`);
} else {
  db = await startDatabase();
  await setup(db.url);
  if (SETUP_DIR) {
    await db.stop({ keepData: true });
    await rm(SETUP_DIR, { recursive: true, force: true });
    await mkdir(SETUP_DIR, { recursive: true });
    const dataDir = must(db.dataDir, "the embedded server's data directory");
    await promisify(execFile)('cp', ['-a', dataDir, join(SETUP_DIR, 'data')]);
    await rm(join(dataDir, '..'), { recursive: true, force: true });
    await writeFile(join(SETUP_DIR, 'day'), today);
    db = undefined;
  }
}
db ??= await startDatabase(undefined, { copyFrom: join(must(SETUP_DIR, 'BENCH_SETUP_DIR'), 'data') });
const orm = await migrate(db.url);
const sql = new pg.Client({ connectionString: db.url });
await sql.connect();
const users = await issueTokens(orm, JWT_SECRET, 200);
const dedupBefore = await count(`SELECT count(*) AS n FROM analytics_event_ids`);

/**
 * Everything before the night T (not measured).
 * @param {string} url
 */
async function setup(url) {
  const orm = await migrate(url);
  const sql = new pg.Client({ connectionString: url });
  await sql.connect();
  let t = Date.now();
  await loadEventsWithoutIndexes(sql, firstHistoryDay, lastDay, async () => {
    for (const [i, day] of history.entries())
      await sql.query(insertDaySql(HISTORY_EVENTS, `h${i}`, (i * 3_000) % 20_000), [start(day)]);
    for (const [i, day] of days.entries()) await sql.query(insertDaySql(EVENTS, `r${i}`), [start(day)]);
  });
  await sql.query('ANALYZE analytics_events');
  console.log(
    `generated ${fmt(HISTORY_EVENTS)} events on each of ${history.length} history days (${firstHistoryDay} … ${lastHistoryDay}) ` +
      `and ${fmt(EVENTS)} on each of ${days.join(', ')} in ${seconds(t)} s`,
  );
  const service = new AnalyticsRollupService(orm, config);
  t = Date.now();
  await service.rollupRange(firstHistoryDay, lastHistoryDay);
  for (const day of history) await sql.query(`TRUNCATE ${partitionName(day)}`);
  console.log(
    `rolled up the ${history.length} history days in ${seconds(t)} s (their raw events then truncated)`,
  );
  t = Date.now();
  for (let night = 1; night <= rerollDays; night++)
    await service.rollupRange(firstDay, must(days[night - 1], `day ${night}`));
  // As if the last of those rollups ran at 00:15 last night (so they are not sealed yet).
  await sql.query(
    `UPDATE analytics_rollup_ledger SET started_at = $2::date::timestamp AT TIME ZONE 'UTC' + interval '15 minutes' WHERE day >= $1`,
    [firstDay, addDays(today, -1)],
  );
  console.log(
    `the ${rerollDays} nights before: ${days.slice(0, -1).join(', ')} rolled up ${rerollDays}…1 times in ${seconds(t)} s`,
  );
  await sql.query(
    `INSERT INTO analytics_event_ids (id, received_at)
     SELECT 'dedup-' || g, now() - (g::float8 / $1) * interval '1 day' FROM generate_series(0, $1 * 8 - 1) AS g`,
    [DEDUP_PER_DAY],
  );
  await service.ensurePartitions();
  await sql.query('CHECKPOINT');
  await sql.end();
  await orm.close();
  console.log(`setup took ${seconds(started)} s`);
}

// --- The app with jobs on. Its start-up catch-up must not run the job early: the bench holds the
// job's lock until the app has skipped it, then the cron fires LEAD_SECONDS after the spawn.
const lock = new pg.Client({ connectionString: db.url });
await lock.connect();
await lock.query('SELECT pg_advisory_lock(hashtext($1))', [ANALYTICS_LOCK]);
const fireAt = new Date(Date.now() + LEAD_SECONDS * 1000);
const cron = `${fireAt.getUTCSeconds()} ${fireAt.getUTCMinutes()} ${fireAt.getUTCHours()} * * *`;
/** @type {(value: void) => void} */
let skipped;
const catchUpSkipped = new Promise((resolve) => (skipped = resolve));
let jobLog = '';
/** @type {string[]} */
const dayLogs = [];
const app = await startApp(db.url, {
  env: { JOBS_ENABLED: 'true', ANALYTICS_ROLLUP_CRON: cron, JWT_SECRET, LOG_LEVEL: 'info' },
  onLogLine: (line) => {
    const msg = () => JSON.parse(line).msg ?? line;
    if (line.includes('another instance is running the analytics rollup')) skipped();
    else if (line.includes('analytics rollup of ')) dayLogs.push(msg());
    else if (line.includes('analytics rollup:')) jobLog = msg();
    else if (/"level":(40|50|60)/.test(line)) console.log(`app: ${line}`);
  },
});
await catchUpSkipped;
await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [ANALYTICS_LOCK]);
await lock.end();

const rss = sampleRss(app.pid);
const load = startTrackerLoad({ port: app.port, users, rps: RPS });
await sleep(3000);
const quietFrom = performance.now();
/** @type {number[]} */
const before = [];
for (const day of days) before.push(await groupBySeconds(day));
if (await jobHoldsLock())
  throw new Error(`the job started before the baselines were done: raise BENCH_LEAD_SECONDS`);

while (!(await jobHoldsLock())) await sleep(20);
const jobFrom = performance.now();
const jobFromWall = Date.now();
while (await jobHoldsLock()) await sleep(20);
const jobTo = performance.now();
const jobToWall = Date.now();
await sleep(2000);
/** @type {number[]} */
const after = [];
for (const day of days) after.push(await groupBySeconds(day));
await load.stop();
rss.stop();
await app.stop();

// --- What the job did, from the ledger (its clock is this machine's).
const { rows: ledger } = await sql.query(
  `SELECT to_char(day, 'YYYY-MM-DD') AS day, count(*) FILTER (WHERE status = 'done') AS done, count(*) AS rollups,
     max(source_events)::bigint AS events, sum(rows)::bigint AS rows, max(finished_at) AS finished
   FROM analytics_rollup_ledger WHERE day >= $1 GROUP BY day ORDER BY day`,
  [firstDay],
);
const dropped = !(await count(
  `SELECT count(*) AS n FROM pg_class WHERE relname = '${partitionName(firstHistoryDay)}'`,
));
const dedupAfter = await count(`SELECT count(*) AS n FROM analytics_event_ids`);
const plan = (
  await sql.query(
    `EXPLAIN SELECT count(*) FROM analytics_events WHERE "timestamp" >= $1::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'`,
    [lastDay],
  )
).rows
  .map((r) => r['QUERY PLAN'])
  .join('\n');
const partitionsRead = [...new Set(plan.match(/analytics_events_(p\d{8}|default)/g) ?? [])];
/** @type {[table: string, rows: number][]} */
const sizes = [];
for (const table of ['chain_members', 'session_days', 'user_content', 'user_firsts'])
  sizes.push([table, await count(`SELECT count(*) AS n FROM analytics_daily_${table}`)]);
await sql.end();
await orm.close();
await db.stop();

const runs = days.map((day, i) => {
  const row = ledger.find((r) => r.day === day);
  const end = row ? new Date(row.finished).getTime() : NaN;
  const prevEnd =
    i === 0 ? jobFromWall : new Date(ledger.find((r) => r.day === days[i - 1])?.finished).getTime();
  const [b, a] = [
    must(before[i], `the GROUP BY before, day ${i}`),
    must(after[i], `the GROUP BY after, day ${i}`),
  ];
  return { day, row, seconds: (end - prevEnd) / 1000, groupBy: (b + a) / 2, before: b, after: a };
});
const lastEnd = new Date(must(runs.at(-1), 'the last run').row?.finished).getTime();
const ratio = (/** @type {{ seconds: number; groupBy: number }} */ r) => r.seconds / r.groupBy;
const worst = runs.reduce((a, b) => (ratio(b) > ratio(a) ? b : a));
const quiet = latencySummary(load.samples, quietFrom, jobFrom);
const during = latencySummary(load.samples, jobFrom, jobTo);
const ms = (/** @type {number} */ n) => fmt(n, 1).padStart(7);

console.log(
  `\nrunDaily in the app (cron), ${fmt(RPS)} ingestion requests/s (${fmt(RPS * 3)} events/s, half logged in) meanwhile:`,
);
for (const line of [...dayLogs, jobLog]) console.log(`  ${line}`);
console.log(
  `  whole job ${fmt((jobTo - jobFrom) / 1000, 2)} s; after the last day (prune, dedup ids) ${fmt((jobToWall - lastEnd) / 1000, 2)} s`,
);
console.log(`\nday          kind      GROUP BY before / after      day in the job`);
for (const [i, r] of runs.entries())
  console.log(
    `${r.day}   ${(i === runs.length - 1 ? 'new' : 're-roll').padEnd(8)} ${fmt(r.before, 2).padStart(6)} s / ${fmt(r.after, 2).padStart(5)} s     ` +
      `${fmt(r.seconds, 2).padStart(6)} s  (${fmt(ratio(r), 1)}× the mean GROUP BY)`,
  );
console.log(`worst:       ${worst.day}, ${fmt(worst.seconds, 2)} s = ${fmt(ratio(worst), 1)}× its GROUP BY`);
console.log(`history tables now: ${sizes.map(([table, n]) => `${table} ${fmt(n)} rows`).join(', ')}`);
console.log(`source events per day (ledger): ${runs.map((r) => fmt(Number(r.row?.events ?? 0))).join(', ')}`);
console.log(
  `dedup ids: ${fmt(dedupBefore)} → ${fmt(dedupAfter)}; ${partitionName(firstHistoryDay)} (past retention) ${dropped ? 'dropped' : 'kept'}`,
);
console.log(`partitions a day's query reads: ${partitionsRead.join(', ')}`);
console.log(`\ningestion latency (ms)        requests    p50     p99     max   longest gap   not 201`);
for (const [label, s] of /** @type {[string, ReturnType<typeof latencySummary>][]} */ ([
  ['before the job', quiet],
  ['while the job runs', during],
]))
  console.log(
    `  ${label.padEnd(27)} ${fmt(s.requests).padStart(7)} ${ms(s.p50)} ${ms(s.p99)} ${ms(s.max)} ${ms(s.longestGap)}      ${s.failed}`,
  );
const peakJob = rss.peak(jobFrom, jobTo);
console.log(
  `app RSS: peak ${fmt(rss.peak(quietFrom, jobFrom) / 2 ** 20)} MB before the job, ${fmt(peakJob / 2 ** 20)} MB while it runs`,
);
console.log(`total bench time ${seconds(started)} s\n`);

verdict(
  `every day of the nightly job ≤ 5× one GROUP BY over the day (worst of ${runs.length}, under ingestion)`,
  ratio(worst) <= 5,
);
verdict(
  `the job rolled up ${runs.length} days of ${fmt(EVENTS)} events, pruned past retention and old dedup ids`,
  runs.every((r) => Number(r.row?.done) === Number(r.row?.rollups) && Number(r.row?.events) === EVENTS) &&
    dropped &&
    dedupAfter <= dedupBefore - DEDUP_PER_DAY * 0.9,
);
verdict('app RSS ≤ 400 MB while the job runs under ingestion', peakJob > 0 && peakJob <= 400 * 2 ** 20);
verdict("a day's rollup reads only that day's partition", partitionsRead.length === 1);

/** @param {string} day */
async function groupBySeconds(day) {
  const at = performance.now();
  await sql.query(
    `SELECT event_type, count(*), count(DISTINCT user_id) FROM analytics_events
     WHERE "timestamp" >= $1 AND "timestamp" < $2 GROUP BY event_type`,
    [start(day), start(addDays(day, 1))],
  );
  return (performance.now() - at) / 1000;
}

/** Whether some session (the app's job) holds the job's advisory lock. */
async function jobHoldsLock() {
  return (
    (await count(
      `SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1
         AND objid::bigint = (hashtext('${ANALYTICS_LOCK}')::bigint & 4294967295)`,
    )) > 0
  );
}

/** @param {string} query */
async function count(query) {
  return Number((await sql.query(query)).rows[0].n);
}

/** @param {number} ms */
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
