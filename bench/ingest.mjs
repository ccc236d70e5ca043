// Ingestion throughput through HTTP (the real app, 50 concurrent clients), with what trackers send:
// events WITHOUT client ids (a web tracker does not invent them), a client timestamp, UTM in the
// page URL, customData, and half of the connections logged in (a valid bearer token of one of 200
// users, checked on every request). Next to what PostgreSQL itself does with the same columns in
// the same run:
//   batches of 100 events  vs  COPY of the same rows, 1 connection                 target ≥ 40 %
//   single-event requests  vs  one INSERT per event, 50 clients on a pool of 10    target ≥ 1.5×
//   app RSS during the run                                                         target ≤ 400 MB
// Events WITH client ids (deduplicated for 7 days through analytics_event_ids) are measured too and
// printed next to the same baselines, without a verdict.
// Usage: npm run bench:ingest  [BENCH_SECONDS=15]
import { JwtService } from '@nestjs/jwt';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '#dist/infra/config/app-config.js';
import { TokenService } from '#dist/modules/users/auth/token.service.js';
import { User } from '#dist/modules/users/entities/user.entity.js';
import {
  cpuSeconds,
  fmt,
  keepAliveConnection,
  migrate,
  must,
  printMachine,
  startApp,
  startDatabase,
  verdict,
} from './lib.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CLIENTS = 50;
const BATCH = 100;
const USERS = 200;
const COPY_ROWS = 300_000;
const SINGLE_INSERTS = 20_000;
const INSERT_POOL = 10; // the app's own default pool size (DATABASE_POOL_MAX)
const JWT_SECRET = randomBytes(32).toString('hex');

printMachine('bench:ingest');
const db = await startDatabase();
const orm = await migrate(db.url);
const sql = new pg.Client({ connectionString: db.url });
await sql.connect();
const reset = () => sql.query('TRUNCATE analytics_events, analytics_event_ids');

// Logged-in visitors: real accounts with real login sessions, as the app's login would make them.
const users = await issueTokens();
await orm.close();

// What a tracker's event looks like on the wire; `user` says which columns the server fills in.
let seq = 0;
const PAGES = ['/', '/courses', '/courses/python-data-analysis', '/login', '/dashboard', '/pricing'];
const UTM = [
  'utm_source=google&utm_medium=cpc&utm_campaign=spring',
  'utm_source=newsletter&utm_medium=email',
  '',
];
/**
 * @param {boolean} withId
 * @param {string} session
 */
function eventJson(withId, session) {
  const n = seq++;
  const page = PAGES[n % PAGES.length];
  const utm = UTM[n % UTM.length];
  const click = n % 4 === 3;
  const id = withId ? `"id":"${randomUUID()}",` : '';
  return (
    `{${id}"eventType":"${click ? 'gtm_custom_click' : 'we_page_load'}",` +
    (click ? `"buttonName":"enrol-now",` : '') +
    `"sessionId":"${session}","page":"${page}${utm ? `?${utm}` : ''}","platform":"web",` +
    `"timestamp":"${new Date().toISOString()}",` +
    `"customData":{"referrer":"https://www.example.com/search?q=python","viewport":"1440x900","lang":"en-GB"}}`
  );
}

// --- Baseline 1: COPY of rows with the same columns (half of them logged in), one connection.
const dir = await mkdtemp(join(os.tmpdir(), 'cp-bench-copy-'));
await chmod(dir, 0o755);
const file = join(dir, 'events.csv');
const lines = [];
const customData =
  '"{""referrer"":""https://www.example.com/search?q=python"",""viewport"":""1440x900"",""lang"":""en-GB""}"';
for (let i = 0; i < COPY_ROWS; i++) {
  const user = i % 2 ? users[i % USERS] : undefined;
  lines.push(
    [
      randomUUID(),
      `sess-${i % 5000}`,
      i % 4 === 3 ? 'gtm_custom_click' : 'we_page_load',
      `/courses/${i % 50}?utm_source=google&utm_medium=cpc&utm_campaign=spring`,
      'google',
      'cpc',
      'spring',
      'web',
      customData,
      user?.id ?? '',
      user?.email ?? '',
      user ? 'true' : 'false',
      new Date().toISOString(),
    ].join(','),
  );
}
await writeFile(file, lines.join('\n') + '\n');
await chmod(file, 0o644);
const COLUMNS =
  'id, session_id, event_type, page, utm_source, utm_medium, utm_campaign, platform, custom_data, user_id, user_email, is_logged_in, "timestamp"';
let started = process.hrtime.bigint();
await sql.query(`COPY analytics_events (${COLUMNS}) FROM '${file}' WITH (FORMAT csv)`);
const copyRate = COPY_ROWS / (Number(process.hrtime.bigint() - started) / 1e9);
await rm(dir, { recursive: true, force: true });
await reset();

// --- Baseline 2: a plain server writing one INSERT per event (autocommit), the same columns, the
// same 50 concurrent clients, on a pool of 10 connections.
const pool = new pg.Pool({ connectionString: db.url, max: INSERT_POOL });
let inserted = 0;
started = process.hrtime.bigint();
await Promise.all(
  Array.from({ length: CLIENTS }, async (_, c) => {
    while (inserted < SINGLE_INSERTS) {
      const i = inserted++;
      const user = c % 2 ? users[i % USERS] : undefined;
      await pool.query(
        `INSERT INTO analytics_events (${COLUMNS}) VALUES ($1, $2, $3, $4, 'google', 'cpc', 'spring', 'web', $5, $6, $7, $8, now())`,
        [
          randomUUID(),
          `sess-${i % 5000}`,
          i % 4 === 3 ? 'gtm_custom_click' : 'we_page_load',
          `/courses/${i % 50}?utm_source=google&utm_medium=cpc&utm_campaign=spring`,
          { referrer: 'https://www.example.com/search?q=python', viewport: '1440x900', lang: 'en-GB' },
          user?.id ?? null,
          user?.email ?? null,
          Boolean(user),
        ],
      );
    }
  }),
);
const singleInsertRate = SINGLE_INSERTS / (Number(process.hrtime.bigint() - started) / 1e9);
await pool.end();
await reset();

// --- The app, as production starts it, then any extra Node flags.
const app = await startApp(db.url, {
  nodeArgs: process.env.BENCH_APP_NODE_ARGS?.split(' ') ?? [],
  env: { BODY_LIMIT: '1mb', DATABASE_POOL_MAX: '4', JWT_SECRET },
});
const port = app.port;

let peakRss = 0;
const rssTimer = setInterval(async () => {
  const status = await readFile(`/proc/${app.pid}/status`, 'utf8').catch(() => '');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  peakRss = Math.max(peakRss, kb * 1024);
}, 200);

/** @type {Record<string, Awaited<ReturnType<typeof load>>>} */
const phases = {};
for (const withId of [false, true]) {
  const label = withId ? 'with ids' : 'without ids';
  phases[`batch ${label}`] = await load(withId, BATCH);
  await reset();
  phases[`single ${label}`] = await load(withId, 1);
  await reset();
}
clearInterval(rssTimer);
await app.stop();
await sql.end();
await db.stop();

console.log(`\nSame columns everywhere; half of the requests/rows logged in.`);
console.log(`COPY into analytics_events (1 connection):                 ${fmt(copyRate)} rows/s`);
console.log(
  `one INSERT per event (${CLIENTS} clients, pool of ${INSERT_POOL}):           ${fmt(singleInsertRate)} rows/s`,
);
for (const [name, phase] of Object.entries(phases)) {
  const versus = name.startsWith('batch')
    ? `${fmt((100 * phase.rate) / copyRate, 1)} % of COPY`
    : `${fmt(phase.rate / singleInsertRate, 2)}× one INSERT per event`;
  console.log(
    `HTTP, ${CLIENTS} clients, ${name.padEnd(20)} ${fmt(phase.rate).padStart(8)} events/s = ${versus}`,
  );
  console.log(`    CPU: ${phase.cpu}`);
}
console.log(`app peak RSS:                                              ${fmt(peakRss / 2 ** 20)} MB\n`);
const batch = must(phases['batch without ids'], 'the batch phase').rate;
const single = must(phases['single without ids'], 'the single-event phase').rate;
verdict('batches of 100 without ids ≥ 40 % of the COPY rate', batch >= 0.4 * copyRate);
verdict('single events without ids ≥ 1.5× one INSERT per event', single >= 1.5 * singleInsertRate);
verdict('app RSS ≤ 400 MB', peakRss <= 400 * 2 ** 20);

/** USERS student accounts, each with a login session and its access token. */
async function issueTokens() {
  const config = loadConfig({ JWT_SECRET });
  const em = orm.em.fork();
  const tokens = new TokenService(
    em,
    new JwtService({ secret: JWT_SECRET, signOptions: { algorithm: 'HS256' } }),
    config,
  );
  const accounts = [];
  for (let i = 0; i < USERS; i++) {
    const user = em.create(User, {
      email: `bench-${i}@example.com`,
      role: 'student',
      emailVerified: new Date(),
    });
    await em.flush();
    const { accessToken } = await tokens.issueForLogin(user);
    accounts.push({ id: user.id, email: user.email, token: accessToken });
  }
  return accounts;
}

/**
 * CLIENTS concurrent loops, one keep-alive connection each (every other one logged in, with a
 * session of its own), for SECONDS after a 2 s warm-up; returns committed events per second and
 * where the CPU went meanwhile (the app, this load generator, PostgreSQL), as shares of the cores.
 * @param {boolean} withId
 * @param {number} eventsPerRequest
 */
async function load(withId, eventsPerRequest) {
  const connections = Array.from({ length: CLIENTS }, (_, c) => {
    /** @type {Record<string, string>} */
    const headers = {};
    if (c % 2) headers.Authorization = `Bearer ${must(users[c % USERS], 'a bench user').token}`;
    return {
      session: randomUUID(),
      http: keepAliveConnection('127.0.0.1', port, 'POST', '/analytics/events', 'application/json', headers),
    };
  });
  const body = (/** @type {string} */ session) => {
    if (eventsPerRequest === 1) return eventJson(withId, session);
    const parts = [];
    for (let i = 0; i < eventsPerRequest; i++) parts.push(eventJson(withId, session));
    return `{"events":[${parts.join(',')}]}`;
  };
  let counting = false;
  let events = 0;
  const failures = new Map();
  const deadline = Date.now() + 2000 + SECONDS * 1000;
  let countedFrom = 0n;
  /** @type {CpuSnapshot | undefined} */
  let cpuBefore;
  setTimeout(async () => {
    counting = true;
    countedFrom = process.hrtime.bigint();
    cpuBefore = await cpuSnapshot();
  }, 2000);
  await Promise.all(
    connections.map(async ({ session, http }) => {
      while (Date.now() < deadline) {
        const status = await http.send(body(session));
        if (status === 201) {
          if (counting) events += eventsPerRequest;
        } else failures.set(status, (failures.get(status) ?? 0) + 1);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - countedFrom) / 1e9;
  const cpuAfter = await cpuSnapshot();
  for (const { http } of connections) http.close();
  if (failures.size)
    console.log(`  (requests that were not 201, by status: ${JSON.stringify(Object.fromEntries(failures))})`);
  const cores = os.cpus().length;
  const before = must(cpuBefore, 'the CPU snapshot taken after the warm-up');
  const share = (/** @type {keyof CpuSnapshot} */ key) =>
    `${fmt((100 * (cpuAfter[key] - before[key])) / (seconds * cores))} %`;
  const cpu =
    `app ${share('app')}, load generator ${share('generator')}, PostgreSQL ${share('postgres')}, ` +
    `whole machine ${share('machine')} (of ${cores} cores)`;
  return { rate: events / seconds, cpu, failed: [...failures.values()].reduce((a, b) => a + b, 0) };
}

/** @typedef {{ app: number; generator: number; postgres: number; machine: number }} CpuSnapshot */

/**
 * CPU seconds used so far by the app, this process, PostgreSQL's processes, and the whole machine.
 * @returns {Promise<CpuSnapshot>}
 */
async function cpuSnapshot() {
  const self = process.cpuUsage();
  const { rows: backends } = await sql.query('SELECT pid FROM pg_stat_activity');
  let postgres = 0;
  for (const { pid } of backends) postgres += await cpuSeconds(pid);
  const [total = ''] = (await readFile('/proc/stat', 'utf8')).split('\n');
  const [, user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = total
    .split(/\s+/)
    .map(Number);
  return {
    app: await cpuSeconds(app.pid),
    generator: (self.user + self.system) / 1e6,
    postgres,
    machine: (user + nice + system + irq + softirq + steal) / 100,
  };
}
