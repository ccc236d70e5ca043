// Report latency at scale: 10M raw events over 30 closed days (plus part of today), rolled up, then
// p95 of every /analytics/reports endpoint (the real app, over HTTP) for those 30 days — target
// ≤ 50 ms — next to the same question answered from the raw events in the same run. Also the p95
// with today in the range (today comes from raw events).
// Usage: npm run bench:reports  [BENCH_EVENTS=10000000] [BENCH_REQUESTS=40]
//   [BENCH_REPORTS=journey/course-discovery,journey/milestone-times]  only these reports (paths, any parameters)
//   [BENCH_DATA_DIR=/tmp/bench-reports]  keep the database there; a later run with the same directory
//     (the same UTC day) skips generating and rolling up, and only migrates (new aggregates are backfilled)
import { createHmac } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';
import { loadConfig } from '../dist/infra/config/app-config.js';
import { AnalyticsRollupService } from '../dist/modules/analytics/rollup/analytics-rollup.service.js';
import { DERIVED_ROLLUPS } from '../dist/modules/analytics/rollup/derived-rollup-sql.js';
import { addDays, utcDay } from '../dist/modules/analytics/rollup/utc-day.js';
import {
  fmt,
  loadEventsWithoutIndexes,
  migrate,
  printMachine,
  startApp,
  startDatabase,
  verdict,
} from './lib.mjs';
import { eventsSql, historySql, learningSql } from './report-data.mjs';
import { RAW_QUERIES } from './report-raw-queries.mjs';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);
const DAYS = 30;
const PER_DAY = Math.ceil(EVENTS / DAYS);
const TODAY_EVENTS = Math.round(PER_DAY / 3); // a third of a day's events so far today
const TODAY_REQUESTS = Math.ceil(REQUESTS / 8);
const TARGET_MS = 50;
const ONLY = process.env.BENCH_REPORTS?.split(',').map((p) => p.trim());
const DATA_DIR = process.env.BENCH_DATA_DIR;

const REPORTS = [
  ['engagement/active-users', {}],
  ['engagement/active-users', { granularity: 'week' }],
  ['engagement/registrations', {}],
  ['engagement/session-durations', {}],
  ['engagement/session-durations', { platform: 'mobile', utmSource: 'google' }],
  ['engagement/page-views', {}],
  ['courses/enrolments', {}],
  ['courses/completion-rates', {}],
  ['courses/time-to-complete', {}],
  ['courses/drop-off', {}],
  ['marketing/utm-performance', {}],
  ['marketing/utm-performance', { utmSource: 'google' }],
  ['marketing/traffic-sources', {}],
  ['marketing/landing-pages', {}],
  ['content/top-classes', {}],
  ['content/video-completion', {}],
  ['content/contest-participation', {}],
  ['content/watch-time', {}],
  ['journey/login-funnel', {}],
  ['journey/course-discovery', {}],
  ['journey/module-progression', {}],
  ['journey/milestone-times', {}],
].filter(([path]) => !ONLY || ONLY.includes(path));

printMachine('bench:reports');
const started = Date.now();
const db = await startDatabase(DATA_DIR);
const orm = await migrate(db.url);
const sql = new pg.Client({ connectionString: db.url });
await sql.connect();
const today = utcDay(new Date());
const first = addDays(today, -DAYS);
const last = addDays(today, -1);
const todayStart = new Date(`${today}T00:00:00Z`);
const reused = DATA_DIR
  ? (await sql.query(`SELECT to_char(max(day), 'YYYY-MM-DD') AS day FROM analytics_rollup_ledger`)).rows[0]
      .day
  : null;
if (reused && reused !== last)
  throw new Error(`${DATA_DIR} holds days up to ${reused}, not ${last}: remove it to generate today's data`);
if (reused) await sql.query('ANALYZE');
else await generate();
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
  // What the triggers skipped while loading: the per-learner course summaries.
  await sql.query(`SELECT user_course_progress_refresh(array(SELECT DISTINCT user_id FROM user_progress))`);
  await sql.query(`SET session_replication_role = replica`);
  const learningSeconds = (Date.now() - t) / 1000;
  await loadEventsWithoutIndexes(sql, first, today, async () => {
    for (let d = 0; d < DAYS; d++)
      await sql.query(eventsSql(PER_DAY), [new Date(`${addDays(first, d)}T00:00:00Z`), d]);
    await sql.query(eventsSql(TODAY_EVENTS, Math.max(60, (Date.now() - todayStart.getTime()) / 1000 - 60)), [
      todayStart,
      DAYS,
    ]);
    await sql.query(`SET session_replication_role = DEFAULT`);
  });
  await sql.query('ANALYZE');
  const generated = Number(
    (await sql.query(`SELECT count(*) AS n FROM analytics_events WHERE "timestamp" < $1`, [todayStart]))
      .rows[0].n,
  );
  console.log(
    `generated learning tables in ${fmt(learningSeconds, 1)} s, ${fmt(generated)} events over ${DAYS} days (+ ${fmt(TODAY_EVENTS)} today) in ${fmt((Date.now() - t) / 1000 - learningSeconds, 1)} s`,
  );

  t = Date.now();
  const service = new AnalyticsRollupService(orm, loadConfig({}));
  const rolled = await service.rollupRange(first, last);
  await sql.query('VACUUM ANALYZE');
  const derivedMs = (rolled.ran ? rolled.result : []).reduce(
    (sum, day) => sum + DERIVED_ROLLUPS.reduce((n, r) => n + (day.msByRollup[r.name] ?? 0), 0),
    0,
  );
  console.log(
    `rolled up ${rolled.ran ? rolled.result.length : 0} days in ${fmt((Date.now() - t) / 1000, 1)} s ` +
      `(of which the reports' derived aggregates ${fmt(derivedMs / 1000, 1)} s)`,
  );
  const sizes = (
    await sql.query(`SELECT relname, pg_total_relation_size(oid) AS b, reltuples::bigint AS n FROM pg_class
  WHERE relkind = 'r' AND relname LIKE 'analytics_daily_%' ORDER BY b DESC`)
  ).rows;
  console.log(
    `aggregate tables: ${sizes.map((s) => `${s.relname.replace('analytics_daily_', '')} ${fmt(Number(s.n))} rows`).join(', ')}`,
  );
}

// --- The app, and a staff token signed with its secret.
const secret = 'b'.repeat(48);
const app = await startApp(db.url, { env: { JWT_SECRET: secret } });
const port = app.port;
const token = jwt({ sub: 'bench-staff', email: 'staff@bench.example.com', role: 'staff' }, secret);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

const results = [];
for (const [path, params] of REPORTS) {
  const closed = await latencies(path, { from: first, to: last, ...params }, REQUESTS);
  const withToday = await latencies(
    path,
    { from: addDays(today, -29), to: today, ...params },
    TODAY_REQUESTS,
  );
  const raw =
    RAW_QUERIES[path] && Object.keys(params).length === 0 ? await rawSeconds(RAW_QUERIES[path]) : undefined;
  results.push({
    path: `${path}${Object.keys(params).length ? `?${new URLSearchParams(params)}` : ''}`,
    closed,
    withToday,
    raw,
  });
}
await app.stop();
agent.destroy();
await sql.end();
await orm.close();
await db.stop();

console.log(
  `\n${REQUESTS} sequential requests per report over the 30 closed days (${first} … ${last}), after 3 warm-up ones;`,
);
console.log(
  `"w/ today": 30 days ending today (${fmt(TODAY_EVENTS)} raw events today, computed per request), ${TODAY_REQUESTS} requests;`,
);
console.log(
  '"raw": the same question in SQL over the raw events (one run; learning-table reports have none).\n',
);
console.log(
  `${'report'.padEnd(62)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'w/ today p95'.padStart(13)} ${'raw ms'.padStart(9)} ${'raw ÷ p95'.padStart(9)}`,
);
for (const r of results) {
  const rawMs = r.raw === undefined ? '' : fmt(r.raw * 1000);
  const ratio = r.raw === undefined ? '' : `${fmt((r.raw * 1000) / r.closed.p95)}×`;
  console.log(
    `${r.path.padEnd(62)} ${fmt(r.closed.p50, 1).padStart(7)} ${fmt(r.closed.p95, 1).padStart(7)} ${fmt(r.withToday.p95, 0).padStart(13)} ${rawMs.padStart(9)} ${ratio.padStart(9)}`,
  );
}
console.log(`\ntotal bench time ${fmt((Date.now() - started) / 1000)} s\n`);
verdict(
  `every report p95 ≤ ${TARGET_MS} ms over 30 closed days at ${fmt(total)} raw events`,
  results.every((r) => r.closed.p95 <= TARGET_MS),
);

async function latencies(path, query, n) {
  const url = `/analytics/reports/${path}?${new URLSearchParams(query)}`;
  for (let i = 0; i < 3; i++) await getJson(url);
  const times = [];
  for (let i = 0; i < n; i++) {
    const at = process.hrtime.bigint();
    await getJson(url);
    times.push(Number(process.hrtime.bigint() - at) / 1e6);
  }
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)];
  return { p50: q(0.5), p95: q(0.95) };
}

async function rawSeconds(queries) {
  const at = process.hrtime.bigint();
  for (const q of queries) await sql.query('SET jit = off').then(() => sql.query(q, [first, last]));
  return Number(process.hrtime.bigint() - at) / 1e9;
}

function getJson(path) {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(Buffer.concat(chunks))
            : reject(new Error(`${path}: ${res.statusCode} ${Buffer.concat(chunks)}`)),
        );
      })
      .on('error', reject);
  });
}

function jwt(claims, key) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claims, iat: now, exp: now + 3600, iss: 'course-platform', aud: 'course-platform-api' })}`;
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}
