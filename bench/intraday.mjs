// The intraday refresh (ANALYTICS_INTRADAY_MINUTES) of a 1M-event today, two questions:
// (a) its cost next to the nightly rollup of the same events: `refreshToday()` (today so far, the
//     writer alone) and `rollupRange(today, today)` as the nightly job runs a day (writer and
//     snapshot reader), alternated BENCH_ROUNDS times on the same database; wall time and the CPU
//     PostgreSQL spent (every backend, exited ones included). Target: refresh CPU ≤ the nightly's.
// (b) ingestion while refreshes run: trackers post events over HTTP to the app (BENCH_INGEST_RPS
//     requests/s, 1–5 events each, half of them logged in, no client ids: what a web tracker
//     sends): BENCH_CYCLES (3) windows without a refresh alternate with windows of refreshes back
//     to back, each condition's requests pooled. Target: p99 during refreshes ≤ 2× the p99 without.
// The database: yesterday rolled up (200k events: the refresh's history rollups look a day back),
// BENCH_EVENTS (1M) events today spread from midnight to two minutes ago, analysed, checkpointed.
// Usage: npm run bench:intraday  [BENCH_EVENTS=1000000] [BENCH_ROUNDS=3] [BENCH_INGEST_RPS=200]
//   [BENCH_WINDOW_SECONDS=10] [BENCH_CYCLES=3]  the ingestion windows
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import pg from 'pg';
import { loadConfig } from '#dist/infra/config/app-config.js';
import { addDays, AnalyticsRollupService, utcDay } from '#dist/modules/analytics/rollup/index.js';
import { fmt, migrate, must, printMachine, startApp, startDatabase, verdict } from './lib.mjs';
import { insertDaySql } from './synthetic-events.mjs';
import { issueTokens, latencySummary, startTrackerLoad } from './tracker-load.mjs';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const RPS = Number(process.env.BENCH_INGEST_RPS ?? 200);
const WINDOW_MS = Number(process.env.BENCH_WINDOW_SECONDS ?? 10) * 1000;
const CYCLES = Number(process.env.BENCH_CYCLES ?? 3);
const JWT_SECRET = randomBytes(32).toString('hex');
const config = loadConfig({});

printMachine('bench:intraday');
const started = Date.now();
const now = new Date();
const today = utcDay(now);
const yesterday = addDays(today, -1);
const midnight = new Date(`${today}T00:00:00Z`);
const span = Math.max(60, (now.getTime() - midnight.getTime()) / 1000 - 120);

const db = await startDatabase();
const orm = await migrate(db.url);
const sql = new pg.Client({ connectionString: db.url });
await sql.connect();
const service = new AnalyticsRollupService(orm, config);
const t = Date.now();
await sql.query(insertDaySql(200_000, 'y', 5_000), [new Date(`${yesterday}T00:00:00Z`)]);
await sql.query(insertDaySql(EVENTS, 't', 0, span), [midnight]);
await sql.query('ANALYZE analytics_events');
await service.rollupRange(yesterday, yesterday);
await sql.query('CHECKPOINT');
console.log(
  `setup: 200,000 events yesterday (rolled up), ${fmt(EVENTS)} today from 00:00 over ${fmt(span / 3600, 1)} h, in ${fmt((Date.now() - t) / 1000, 1)} s`,
);
const postmaster = await postmasterPid();

// --- (a) A refresh next to the nightly rollup of the same events.
/** @type {{ kind: string; wall: number; cpu: number; events: number }[]} */
const runs = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const kind of ['refresh', 'nightly']) {
    // Today's ledger cleared: a refresh refuses a final day, and the nightly statements replace either.
    await sql.query(`DELETE FROM analytics_rollup_ledger WHERE day = $1`, [today]);
    const cpu0 = await postgresCpu(postmaster);
    const at = performance.now();
    let events;
    if (kind === 'refresh') {
      const outcome = await service.refreshToday();
      events = outcome.ran ? (outcome.result.refreshed?.sourceEvents ?? 0) : 0;
    } else {
      // What the nightly job runs for a closed day (its `now` moved to tomorrow: today is "closed").
      const outcome = await service.rollupRange(today, today, new Date(`${addDays(today, 1)}T00:15:00Z`));
      events = outcome.ran ? (outcome.result[0]?.sourceEvents ?? 0) : 0;
    }
    runs.push({
      kind,
      wall: (performance.now() - at) / 1000,
      cpu: (await postgresCpu(postmaster)) - cpu0,
      events,
    });
  }
}
const median = (/** @type {number[]} */ xs) =>
  must([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)], 'a median');
const of = (/** @type {string} */ kind, /** @type {'wall' | 'cpu'} */ key) =>
  median(runs.filter((r) => r.kind === kind).map((r) => r[key]));
console.log(`\n(a) ${ROUNDS} rounds, alternated          wall (s)             PostgreSQL CPU (s)     events`);
for (const kind of ['refresh', 'nightly'])
  console.log(
    `  ${(kind === 'refresh' ? 'intraday refresh (writer alone)' : 'nightly rollup (writer + reader)').padEnd(34)} ` +
      `${runs
        .filter((r) => r.kind === kind)
        .map((r) => fmt(r.wall, 2))
        .join(' / ')
        .padEnd(20)} ` +
      `${runs
        .filter((r) => r.kind === kind)
        .map((r) => fmt(r.cpu, 2))
        .join(' / ')
        .padEnd(22)} ` +
      fmt(
        must(
          runs.find((r) => r.kind === kind),
          'a run',
        ).events,
      ),
  );
const cpuRatio = of('refresh', 'cpu') / of('nightly', 'cpu');
console.log(
  `  medians: refresh ${fmt(of('refresh', 'wall'), 2)} s wall, ${fmt(of('refresh', 'cpu'), 2)} s CPU; ` +
    `nightly ${fmt(of('nightly', 'wall'), 2)} s wall, ${fmt(of('nightly', 'cpu'), 2)} s CPU; CPU ratio ${fmt(cpuRatio, 2)}×`,
);

// --- (b) Ingestion over HTTP without and with refreshes.
await sql.query(`DELETE FROM analytics_rollup_ledger WHERE day = $1`, [today]);
const users = await issueTokens(orm, JWT_SECRET, 200);
const app = await startApp(db.url, { env: { JWT_SECRET } });
const load = startTrackerLoad({ port: app.port, users, rps: RPS });
await sleep(3000);
// Windows without and with refreshes alternate, so that a burst of other work on the machine
// falls on both conditions alike; each condition's requests are pooled.
/** @type {[number, number][]} */
const quietWindows = [];
/** @type {[number, number][]} */
const busyWindows = [];
let refreshes = 0;
for (let cycle = 0; cycle < CYCLES; cycle++) {
  const quietFrom = performance.now();
  await sleep(WINDOW_MS);
  quietWindows.push([quietFrom, performance.now()]);
  const busyFrom = performance.now();
  // Back to back for the window's length, at least one whole refresh.
  for (let n = 0; n === 0 || performance.now() - busyFrom < WINDOW_MS; n++) {
    const outcome = await service.refreshToday();
    if (outcome.ran) refreshes++;
  }
  busyWindows.push([busyFrom, performance.now()]);
}
await sleep(WINDOW_MS);
await load.stop();
await app.stop();
const pooled = (/** @type {[number, number][]} */ windows) =>
  latencySummary(load.samples.filter((s) => windows.some(([from, to]) => s.at >= from && s.at < to)));
const without = pooled(quietWindows);
const during = pooled(busyWindows);
const ms = (/** @type {number} */ n) => fmt(n, 1).padStart(7);
console.log(`\n(b) ingestion, ${fmt(RPS)} requests/s      requests    p50     p99     max   not 201`);
for (const [label, s] of /** @type {[string, ReturnType<typeof latencySummary>][]} */ ([
  [`without a refresh (${CYCLES} windows)`, without],
  [`during ${refreshes} refreshes (back to back)`, during],
]))
  console.log(
    `  ${label.padEnd(34)} ${fmt(s.requests).padStart(7)} ${ms(s.p50)} ${ms(s.p99)} ${ms(s.max)}   ${s.failed}`,
  );
const p99Ratio = during.p99 / without.p99;
console.log(`  p99 ratio ${fmt(p99Ratio, 2)}×`);
await sql.end();
await orm.close();
await db.stop();
console.log(`total bench time ${fmt((Date.now() - started) / 1000)} s\n`);

verdict(
  `a refresh of ${fmt(EVENTS)} events today costs no more PostgreSQL CPU than the nightly rollup of them (${fmt(cpuRatio, 2)}×)`,
  runs.every((r) => r.events === EVENTS) && cpuRatio <= 1,
);
verdict(
  `ingestion p99 during refreshes ≤ 2× without (${fmt(p99Ratio, 2)}×), every request answered 201`,
  p99Ratio <= 2 && without.failed === 0 && during.failed === 0,
);

/** The embedded server's postmaster: the parent of any backend. */
async function postmasterPid() {
  const { rows } = await sql.query('SELECT pg_backend_pid() AS pid');
  const stat = await readFile(`/proc/${rows[0].pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

/**
 * CPU seconds PostgreSQL has used: its live processes (user + system), plus what its exited
 * children used (the postmaster's cutime + cstime: a rollup's connections end with it).
 * @param {number} pid the postmaster
 */
async function postgresCpu(pid) {
  let ticks = 0;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(entry) !== pid && Number(fields[1]) !== pid) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
    if (Number(entry) === pid) ticks += Number(fields[13]) + Number(fields[14]);
  }
  return ticks / 100;
}

/** @param {number} ms */
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
