// Report latency at scale, under concurrency: 10M raw events over the last 30 closed days and a
// tenth of that density on the 60 days before (90 days of aggregates), plus part of today; rolled up
// oldest first, then the nightly job run once (it re-rolls the last 3 days, deleting their rows
// first), with no VACUUM or ANALYZE of the aggregates but what autovacuum does meanwhile. Then 8
// clients at once, each on its own keep-alive connection, walk a shuffled list of every report with
// its filters over 7, 90 and 730 days ending yesterday, BENCH_REQUESTS times each: p50 / p95 / p99
// per report and range (target: every p95 ≤ 50 ms), next to the same question answered from the raw
// events over the 7 days in the same run. Also, one client, the reports over 7 days ending today:
// today computed from its raw events, then again after an intraday refresh of today (every event
// report reads today's provisional aggregates plus the raw tail; target p95 ≤ 50 ms for each).
// Usage: npm run bench:reports  [BENCH_EVENTS=10000000] [BENCH_REQUESTS=40] [BENCH_CLIENTS=8]
//   [BENCH_REPORTS=journey/course-discovery,journey/milestone-times]  only these reports (paths, any parameters)
//   [BENCH_TARGET_MS=50]  the p95 target of the verdict (a FAIL exits 1; BENCH_TARGET_MS=1 forces one)
//   [BENCH_TODAY_EVENTS=111000]  events so far today (default a third of a day's)
//   [BENCH_TAIL_SECONDS=300]  the raw tail after the refresh's W: that many seconds of today's events
//   [BENCH_DATA_DIR=/tmp/bench-reports]  keep the database there; a later run with the same directory
//     (the same UTC day) skips generating, rolling up and re-rolling, and only migrates (new aggregates are backfilled)
import http from 'node:http';
import os from 'node:os';
import pg from 'pg';
import { loadConfig } from '#dist/infra/config/app-config.js';
import {
  addDays,
  AnalyticsRollupService,
  DERIVED_ROLLUPS,
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
import { eventsSql, historySql, learningSql } from './report-data.mjs';
import { RAW_QUERIES } from './report-raw-queries.mjs';
import { issueTokens } from './tracker-load.mjs';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
/** Requests per report and range from one client alone, for reference (each report's own cost). */
const SINGLE_REQUESTS = Number(process.env.BENCH_SINGLE_REQUESTS ?? 10);
const FULL_DAYS = 30;
const LIGHT_DAYS = 60;
const PER_DAY = Math.ceil(EVENTS / FULL_DAYS);
// A third of a day's events so far today, unless BENCH_TODAY_EVENTS says (1000000: a big day by evening).
const TODAY_EVENTS = Number(process.env.BENCH_TODAY_EVENTS ?? Math.round(PER_DAY / 3));
/** Requests per report over 7 days ending today: from raw events (seconds each), then from the provisional day. */
const RAW_TODAY_REQUESTS = 3;
const TODAY_REQUESTS = 20;
/** The raw tail the provisional reports read: events after W for one refresh interval (default 5 min). */
const TAIL_SECONDS = Number(process.env.BENCH_TAIL_SECONDS ?? 300);
const RANGES = [7, 90, 730];
const TARGET_MS = Number(process.env.BENCH_TARGET_MS ?? 50);
const ONLY = process.env.BENCH_REPORTS?.split(',').map((p) => p.trim());
const DATA_DIR = process.env.BENCH_DATA_DIR;
const COURSE = { courseId: 'bc-3' };

/** @typedef {Record<string, string | number>} Params a report's query parameters */
/**
 * @typedef {{ path: string; label: string; params: Params; byRange: Map<number, number[]>; alone: Map<number, number[]> }} Case
 * one report with one set of filters, and its latencies (ms) by range (days)
 */

/** Every report with its filters (the first, none). */
const REPORTS = /** @type {[path: string, variants: Params[]][]} */ ([
  ['engagement/active-users', [{}, { granularity: 'week' }, { granularity: 'month' }]],
  ['engagement/registrations', [{}, { granularity: 'week' }]],
  [
    'engagement/session-durations',
    [{}, { platform: 'mobile' }, { utmSource: 'google' }, { platform: 'web', utmSource: 'google' }],
  ],
  ['engagement/page-views', [{}, { groupBy: 'pageType' }, { limit: 10 }]],
  ['courses/enrolments', [{}, COURSE, { granularity: 'month' }]],
  ['courses/completion-rates', [{}, COURSE]],
  ['courses/time-to-complete', [{}, COURSE]],
  ['courses/drop-off', [{}, COURSE]],
  ['marketing/utm-performance', [{}, { utmSource: 'google' }]],
  ['marketing/traffic-sources', [{}, { platform: 'mobile' }]],
  ['marketing/landing-pages', [{}, { platform: 'web', utmSource: 'google' }, { limit: 5 }]],
  ['content/top-classes', [{}, COURSE, { limit: 10 }]],
  ['content/video-completion', [{}, COURSE]],
  ['content/contest-participation', [{}, COURSE]],
  ['content/watch-time', [{}, COURSE]],
  ['journey/login-funnel', [{}, { platform: 'mobile' }, { utmSource: 'google' }]],
  ['journey/course-discovery', [{}, COURSE]],
  ['journey/module-progression', [{}, COURSE]],
  ['journey/milestone-times', [{}]],
]).filter(([path]) => !ONLY || ONLY.includes(path));

printMachine('bench:reports');
const started = Date.now();
const db = await startDatabase(DATA_DIR);
const orm = await migrate(db.url);
const sql = new pg.Client({ connectionString: db.url });
await sql.connect();
const today = utcDay(new Date());
const DAYS = FULL_DAYS + LIGHT_DAYS;
const first = addDays(today, -DAYS);
const fullFrom = addDays(today, -FULL_DAYS);
const last = addDays(today, -1);
const todayStart = new Date(`${today}T00:00:00Z`);
const reused = DATA_DIR
  ? // Closed days only: a run's intraday refresh leaves today in the ledger too.
    (
      await sql.query(
        `SELECT to_char(max(day), 'YYYY-MM-DD') AS day FROM analytics_rollup_ledger WHERE day < $1::date`,
        [today],
      )
    ).rows[0].day
  : null;
if (reused && reused !== last)
  throw new Error(`${DATA_DIR} holds days up to ${reused}, not ${last}: remove it to generate today's data`);
if (!reused) await generate();
const total = Number(
  (await sql.query(`SELECT count(*) AS n FROM analytics_events WHERE "timestamp" < $1`, [todayStart])).rows[0]
    .n,
);
if (reused) console.log(`reused the data in ${DATA_DIR}: ${fmt(total)} events over ${DAYS} days`);

async function generate() {
  // --- Data: learning tables, then the events without indexes (rebuilt after: much faster).
  let t = Date.now();
  // Generated rows are consistent by construction: skip foreign-key and trigger checks while loading.
  await sql.query(`SET session_replication_role = replica`);
  for (const statement of learningSql) await sql.query(statement);
  await sql.query(historySql(first));
  await sql.query(`SET session_replication_role = DEFAULT`);
  // What the triggers skipped while loading: the per-learner course summaries, the per-class days.
  await sql.query(`SELECT user_course_progress_refresh(array(SELECT DISTINCT user_id FROM user_progress))`);
  await sql.query(`DELETE FROM class_watch_days`);
  await sql.query(
    `INSERT INTO class_watch_days (class_id, day, learners, watched_seconds, completed)
     SELECT class_id, (last_watched_at AT TIME ZONE 'UTC')::date, count(*), sum(watched_duration), count(*) FILTER (WHERE is_completed)
     FROM user_progress GROUP BY 1, 2`,
  );
  await sql.query(`SET session_replication_role = replica`);
  const learningSeconds = (Date.now() - t) / 1000;
  await loadEventsWithoutIndexes(sql, first, today, async () => {
    for (let d = 0; d < DAYS; d++)
      await sql.query(eventsSql(d < LIGHT_DAYS ? Math.ceil(PER_DAY / 10) : PER_DAY), [
        new Date(`${addDays(first, d)}T00:00:00Z`),
        d,
      ]);
    await sql.query(eventsSql(TODAY_EVENTS, Math.max(60, (Date.now() - todayStart.getTime()) / 1000 - 60)), [
      todayStart,
      DAYS,
    ]);
    await sql.query(`SET session_replication_role = DEFAULT`);
  });
  // The raw and learning tables as autovacuum keeps them (the aggregates get no such help below).
  await sql.query('ANALYZE');
  const generated = Number(
    (await sql.query(`SELECT count(*) AS n FROM analytics_events WHERE "timestamp" < $1`, [todayStart]))
      .rows[0].n,
  );
  console.log(
    `generated learning tables in ${fmt(learningSeconds, 1)} s, ${fmt(generated)} events over ${DAYS} days ` +
      `(${fmt(PER_DAY)} a day from ${fullFrom}, a tenth of that before; + ${fmt(TODAY_EVENTS)} today) in ${fmt((Date.now() - t) / 1000 - learningSeconds, 1)} s`,
  );

  t = Date.now();
  const service = new AnalyticsRollupService(orm, loadConfig({}));
  const rolled = await service.rollupRange(first, last);
  const derivedMs = (rolled.ran ? rolled.result : []).reduce(
    (sum, day) => sum + DERIVED_ROLLUPS.reduce((n, r) => n + (day.msByRollup[r.name] ?? 0), 0),
    0,
  );
  console.log(
    `rolled up ${rolled.ran ? rolled.result.length : 0} days in ${fmt((Date.now() - t) / 1000, 1)} s ` +
      `(of which the reports' derived aggregates ${fmt(derivedMs / 1000, 1)} s)`,
  );
  t = Date.now();
  const nightly = await service.runDaily();
  const rerolled = nightly.ran ? nightly.result.rolledUp.map((r) => r.day) : [];
  console.log(`the nightly job re-rolled ${rerolled.join(', ')} in ${fmt((Date.now() - t) / 1000, 1)} s`);
  const sizes = (
    await sql.query(`SELECT relname, pg_total_relation_size(oid) AS b FROM pg_class
  WHERE relkind = 'r' AND relname LIKE 'analytics_daily_%' ORDER BY b DESC`)
  ).rows;
  console.log(
    `aggregate tables: ${sizes.map((s) => `${s.relname.replace('analytics_daily_', '')} ${fmt(Number(s.b) / 2 ** 20)} MB`).join(', ')}`,
  );
}

// --- The app, and a staff member's access token from a real login session (checked on every request).
const secret = 'b'.repeat(48);
const app = await startApp(db.url, { env: { JWT_SECRET: secret } });
const port = app.port;
const token = must((await issueTokens(orm, secret, 1, 'staff'))[0], 'a staff token').token;
const query = (/** @type {Params} */ params) =>
  Object.keys(params).length
    ? `?${new URLSearchParams(Object.entries(params).map(([name, value]) => [name, String(value)]))}`
    : '';
/** @type {Case[]} */
const cases = REPORTS.flatMap(([path, variants]) =>
  variants.map((params) => ({
    path,
    label: `${path}${query(params)}`,
    params,
    byRange: new Map(RANGES.map((days) => [days, /** @type {number[]} */ ([])])),
    alone: new Map(RANGES.map((days) => [days, /** @type {number[]} */ ([])])),
  })),
);

// Every (report, filters, range) REQUESTS times, shuffled, spread over CLIENTS concurrent clients.
const work = [];
for (const c of cases)
  for (const days of RANGES)
    for (let i = 0; i < REQUESTS + 1; i++)
      work.push({
        index: i - 1,
        c,
        days,
        warmUp: i === 0,
        url: `/analytics/reports/${c.path}${query({ from: addDays(last, 1 - days), to: last, ...c.params })}`,
      });
const single = work.filter((w) => !w.warmUp && w.index < SINGLE_REQUESTS);
let seed = 16;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const warmUps = work.filter((w) => w.warmUp);
const measured = work.filter((w) => !w.warmUp);
for (let i = measured.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  const [a, b] = [must(measured[i], 'item i'), must(measured[j], 'item j')];
  [measured[i], measured[j]] = [b, a];
}
const t = Date.now();
await runConcurrently(warmUps, CLIENTS);
await runConcurrently(measured, CLIENTS, 'byRange');
const concurrentSeconds = (Date.now() - t) / 1000;
await runConcurrently(single, 1, 'alone');

// One client: 7 days ending today (today from raw events), the reports without filters.
const withToday = [];
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
for (const [path] of REPORTS) {
  const url = `/analytics/reports/${path}?${new URLSearchParams({ from: addDays(today, -6), to: today })}`;
  await getJson(port, url, token, agent);
  const times = [];
  for (let i = 0; i < RAW_TODAY_REQUESTS; i++)
    times.push(await timed(() => getJson(port, url, token, agent)));
  withToday.push({ path, p95: quantile(times, 0.95) });
}
// The same after an intraday refresh of today (W a minute ago): the reports that add counts up
// read today's provisional aggregates plus the raw events after W; the others still compute today.
const refreshAt = Date.now();
const refresh = await new AnalyticsRollupService(orm, loadConfig({})).refreshToday();
const refreshSeconds = (Date.now() - refreshAt) / 1000;
const tailEvents = refresh.ran && refresh.result.refreshed ? await addTail(refresh.result.refreshed) : 0;
const withProvisional = [];
for (const [path] of REPORTS) {
  const url = `/analytics/reports/${path}?${new URLSearchParams({ from: addDays(today, -6), to: today })}`;
  const body = JSON.parse(String(await getJson(port, url, token, agent)));
  const times = [];
  for (let i = 0; i < TODAY_REQUESTS; i++) times.push(await timed(() => getJson(port, url, token, agent)));
  withProvisional.push({
    path,
    p95: quantile(times, 0.95),
    events: body.source?.rawDays !== undefined,
    provisional: !!body.source?.provisionalDays?.length,
  });
}
agent.destroy();
const raw = new Map();
for (const [path] of REPORTS) {
  const queries = RAW_QUERIES[path];
  if (queries) raw.set(path, await rawSeconds(queries));
}
await app.stop();
await sql.end();
await orm.close();
await db.stop();

console.log(
  `\n${CLIENTS} concurrent clients, ${fmt(measured.length)} requests in ${fmt(concurrentSeconds, 1)} s ` +
    `(${REQUESTS} per report and range, shuffled, after one warm-up each), ranges ending ${last}: ` +
    `${fmt(measured.length / concurrentSeconds)} requests/s, ${fmt((os.cpus().length * concurrentSeconds * 1000) / measured.length, 1)} ms of the machine's cores per request;`,
);
console.log(
  `"alone": ${SINGLE_REQUESTS} requests per report and range from one client afterwards; "raw 7 d": the same question in SQL ` +
    `over the raw events of those 7 days (one run; learning-table reports have none), ÷ the 8-client p95 over 7 days.\n`,
);
const head = RANGES.map((d) => `${`${d} d: alone p95 | ${CLIENTS} clients p50/p95/p99`.padStart(36)}`).join(
  ' ',
);
console.log(`${'report'.padEnd(58)} ${head} ${'raw 7 d'.padStart(8)} ${'÷ p95'.padStart(6)}`);
/** @type {{ label: string; days: number; p95: number }[]} */
const failures = [];
for (const c of cases) {
  const stats = RANGES.map((d) => {
    const times = must(c.byRange.get(d), `the latencies over ${d} days`);
    const p95 = quantile(times, 0.95);
    if (p95 > TARGET_MS) failures.push({ label: c.label, days: d, p95 });
    return {
      alone: quantile(must(c.alone.get(d), `the latencies alone over ${d} days`), 0.95),
      p50: quantile(times, 0.5),
      p95,
      p99: quantile(times, 0.99),
    };
  });
  const rawSecondsOf = Object.keys(c.params).length === 0 ? raw.get(c.path) : undefined;
  const rawMs = rawSecondsOf === undefined ? '' : fmt(rawSecondsOf * 1000);
  const ratio =
    rawSecondsOf === undefined
      ? ''
      : `${fmt((rawSecondsOf * 1000) / must(stats[0], 'the first range').p95)}×`;
  console.log(
    `${c.label.padEnd(58)} ${stats.map((s) => `${fmt(s.alone).padStart(5)} | ${`${fmt(s.p50)}/${fmt(s.p95)}/${fmt(s.p99)}`.padStart(13)}`.padStart(36)).join(' ')} ${rawMs.padStart(8)} ${ratio.padStart(6)}`,
  );
}
console.log(
  `\none client, 7 days ending today (${fmt(TODAY_EVENTS)} raw events today): today computed ` +
    `from its raw events per request (p95 of ${RAW_TODAY_REQUESTS}), then after an intraday refresh (${fmt(refreshSeconds, 1)} s), p95 of ${TODAY_REQUESTS}, from its ` +
    `provisional aggregates + the raw tail (${fmt(tailEvents)} events after W: the last ${TAIL_SECONDS} s before it ` +
    `replayed after it, its sessions continued) (* = provisional; the learning-table reports read no events):`,
);
for (const [i, r] of withProvisional.entries()) {
  const before = must(withToday[i], 'the same report from raw events');
  console.log(
    `  ${`${r.path}${r.provisional ? '*' : ''}`.padEnd(34)} ${fmt(before.p95).padStart(7)} ms → ${fmt(r.p95).padStart(5)} ms`,
  );
}
console.log(`\ntotal bench time ${fmt((Date.now() - started) / 1000)} s\n`);
if (failures.length) {
  failures.sort((x, y) => y.p95 - x.p95);
  console.log(
    `${failures.length} of ${cases.length * RANGES.length} over ${TARGET_MS} ms at p95; the worst: ` +
      failures
        .slice(0, 8)
        .map((f) => `${f.label} over ${f.days} d ${fmt(f.p95)} ms`)
        .join(', '),
  );
}
verdict(
  `every report p95 ≤ ${TARGET_MS} ms with ${CLIENTS} concurrent clients over 7, 90 and 730 closed days at ${fmt(total)} raw events`,
  failures.length === 0,
);

const eventReports = withProvisional.filter((r) => r.events);
verdict(
  `the refresh ran; every report over 7 days ending today p95 ≤ ${TARGET_MS} ms, each of the ${eventReports.length} ` +
    `event reports from today's provisional aggregates`,
  refresh.ran &&
    eventReports.length > 0 &&
    eventReports.every((r) => r.provisional) &&
    withProvisional.every((r) => r.p95 <= TARGET_MS),
);

/**
 * The events a report meets after W just before the next refresh: the sessions active in today's
 * last TAIL_SECONDS of events up to W go on for TAIL_SECONDS after W at the same rate (those
 * events again, as much after W as they were into that window), so the tail continues sessions
 * across W as real traffic does.
 * @param {{ coversUntil: Date }} refreshed
 */
async function addTail({ coversUntil }) {
  const { rowCount } = await sql.query(
    `WITH last AS (SELECT max("timestamp") AS at FROM analytics_events
       WHERE "timestamp" >= date_trunc('day', $1::timestamptz) AND "timestamp" <= $1)
     INSERT INTO analytics_events (id, user_id, session_id, event_type, event_action, page, course_id, class_id,
       utm_source, utm_medium, utm_campaign, platform, is_logged_in, custom_data, "timestamp")
     SELECT $3 || id, user_id, session_id, event_type, event_action, page, course_id, class_id,
       utm_source, utm_medium, utm_campaign, platform, is_logged_in, custom_data,
       least($1 + ("timestamp" - (last.at - $2 * interval '1 second')),
         date_trunc('day', $1::timestamptz) + interval '1 day' - interval '1 ms')
     FROM analytics_events, last WHERE "timestamp" > last.at - $2 * interval '1 second' AND "timestamp" <= last.at`,
    [coversUntil, TAIL_SECONDS, `t${Date.now().toString(36)}-`],
  );
  return rowCount ?? 0;
}

/**
 * `items` over `clients` concurrent clients; each latency goes into the case's `record` map (if any).
 * @param {{ c: Case; days: number; url: string }[]} items
 * @param {number} clients
 * @param {'byRange' | 'alone'} [record]
 */
async function runConcurrently(items, clients, record) {
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      const own = new http.Agent({ keepAlive: true, maxSockets: 1 });
      while (next < items.length) {
        const item = must(items[next++], 'a work item');
        const ms = await timed(() => getJson(port, item.url, token, own));
        if (record) must(item.c[record].get(item.days), `the ${item.days}-day latencies`).push(ms);
      }
      own.destroy();
    }),
  );
}

/** @param {() => Promise<unknown>} request */
async function timed(request) {
  const at = process.hrtime.bigint();
  await request();
  return Number(process.hrtime.bigint() - at) / 1e6;
}

/**
 * @param {number[]} values
 * @param {number} p
 */
function quantile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
}

/** @param {string[]} queries */
async function rawSeconds(queries) {
  const at = process.hrtime.bigint();
  for (const q of queries)
    await sql.query('SET jit = off').then(() => sql.query(q, [addDays(last, -6), last]));
  return Number(process.hrtime.bigint() - at) / 1e9;
}
