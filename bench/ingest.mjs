// Ingestion throughput through HTTP (the real app, 50 concurrent clients) against what PostgreSQL
// itself does on the same table in the same run:
//   batches of 100 events  vs  COPY into analytics_events      target ≥ 40 %
//   single-event requests  vs  one INSERT per event, 1 conn.   target ≥ 1.5×
//   app RSS during the batch phase                             target ≤ 400 MB
// Usage: npm run bench:ingest  [BENCH_SECONDS=15]
import { readFile, writeFile, mkdtemp, chmod, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  cpuSeconds,
  fmt,
  keepAliveConnection,
  migrate,
  printMachine,
  startApp,
  startDatabase,
  verdict,
} from './lib.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CLIENTS = 50;
const BATCH = 100;
const COPY_ROWS = 300_000;
const SINGLE_INSERTS = 5_000;

printMachine('bench:ingest');
const db = await startDatabase();
const orm = await migrate(db.url);
await orm.close();
const sql = new pg.Client({ connectionString: db.url });
await sql.connect();
const reset = () => sql.query('TRUNCATE analytics_events, analytics_event_ids');

// --- Baseline 1: PostgreSQL's COPY of the same kind of rows into the same table, one connection.
const dir = await mkdtemp(join(os.tmpdir(), 'cp-bench-copy-'));
await chmod(dir, 0o755);
const file = join(dir, 'events.csv');
const lines = [];
const now = Date.now();
for (let i = 0; i < COPY_ROWS; i++) {
  lines.push(
    `c${i.toString(36).padStart(10, '0')},sess-${i % 5000},we_page_load,/courses/${i % 50},google,cpc,spring,web,${new Date(now - (i % 3600) * 1000).toISOString()}`,
  );
}
await writeFile(file, lines.join('\n') + '\n');
await chmod(file, 0o644);
let started = process.hrtime.bigint();
await sql.query(
  `COPY analytics_events (id, session_id, event_type, page, utm_source, utm_medium, utm_campaign, platform, "timestamp") FROM '${file}' WITH (FORMAT csv)`,
);
const copyRate = COPY_ROWS / (Number(process.hrtime.bigint() - started) / 1e9);
await rm(dir, { recursive: true, force: true });
await reset();

// --- Baseline 2: one INSERT per event (autocommit) on one connection.
started = process.hrtime.bigint();
for (let i = 0; i < SINGLE_INSERTS; i++) {
  await sql.query(
    `INSERT INTO analytics_events (id, session_id, event_type, page, platform, "timestamp") VALUES ($1, $2, 'we_page_load', $3, 'web', now())`,
    [`s${i.toString(36).padStart(10, '0')}`, `sess-${i % 5000}`, `/courses/${i % 50}`],
  );
}
const singleInsertRate = SINGLE_INSERTS / (Number(process.hrtime.bigint() - started) / 1e9);
await reset();

// --- The app, as production starts it, then any extra Node flags.
const app = await startApp(db.url, {
  nodeArgs: process.env.BENCH_APP_NODE_ARGS?.split(' ') ?? [],
  env: { BODY_LIMIT: '1mb', DATABASE_POOL_MAX: '4' },
});
const port = app.port;

let seq = 0;
const event = (id) =>
  `{"id":"${id}","eventType":"we_page_load","sessionId":"sess-${seq % 5000}","page":"/courses/${seq % 50}?utm_source=google&utm_medium=cpc","customData":{"referrer":"https://example.com"}}`;
const nextId = () => `e${(seq++).toString(36).padStart(10, '0')}`;
const batchBody = () => {
  const parts = [];
  for (let i = 0; i < BATCH; i++) parts.push(event(nextId()));
  return `{"events":[${parts.join(',')}]}`;
};
const singleBody = () => event(nextId());

let peakRss = 0;
const rssTimer = setInterval(async () => {
  const status = await readFile(`/proc/${app.pid}/status`, 'utf8').catch(() => '');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  peakRss = Math.max(peakRss, kb * 1024);
}, 200);

const batch = await load(batchBody, BATCH);
const batchRate = batch.rate;
const batchRss = peakRss;
await reset();
const single = await load(singleBody, 1);
const singleRate = single.rate;
clearInterval(rssTimer);

const { rows } = await sql.query('SELECT count(*)::int AS n FROM analytics_events');
await app.stop();
await sql.end();
await db.stop();

console.log(`\nCOPY into analytics_events (1 connection):      ${fmt(copyRate)} rows/s`);
console.log(`one INSERT per event (1 connection):            ${fmt(singleInsertRate)} rows/s`);
console.log(
  `HTTP, ${CLIENTS} clients × batches of ${BATCH}:            ${fmt(batchRate)} events/s  = ${fmt((100 * batchRate) / copyRate, 1)} % of COPY`,
);
console.log(
  `HTTP, ${CLIENTS} clients × single events:           ${fmt(singleRate)} events/s  = ${fmt(singleRate / singleInsertRate, 2)}× one INSERT per event`,
);
console.log(
  `app peak RSS during the batch phase:             ${fmt(batchRss / 2 ** 20)} MB (both phases: ${fmt(peakRss / 2 ** 20)} MB)`,
);
console.log(`(single phase committed ${fmt(rows[0].n)} events)`);
console.log(`CPU during the batch phase:  ${batch.cpu}`);
console.log(`CPU during the single phase: ${single.cpu}\n`);
verdict('batches ≥ 40 % of the COPY rate', batchRate >= 0.4 * copyRate);
verdict('single events ≥ 1.5× one INSERT per event', singleRate >= 1.5 * singleInsertRate);
verdict('app RSS ≤ 400 MB', peakRss <= 400 * 2 ** 20);

/**
 * CLIENTS concurrent loops, one keep-alive connection each, for SECONDS (after a 2 s warm-up);
 * returns committed events per second and where the CPU went meanwhile (the app, this load
 * generator, PostgreSQL), as shares of the machine's cores.
 */
async function load(makeBody, eventsPerRequest) {
  const connections = Array.from({ length: CLIENTS }, () =>
    keepAliveConnection('127.0.0.1', port, 'POST', '/analytics/events'),
  );
  let counting = false;
  let events = 0;
  let errors = 0;
  const deadline = Date.now() + 2000 + SECONDS * 1000;
  let countedFrom = 0n;
  let cpuBefore;
  setTimeout(async () => {
    counting = true;
    countedFrom = process.hrtime.bigint();
    cpuBefore = await cpuSnapshot();
  }, 2000);
  await Promise.all(
    connections.map(async (connection) => {
      while (Date.now() < deadline) {
        const status = await connection.send(makeBody());
        if (status === 201) {
          if (counting) events += eventsPerRequest;
        } else errors++;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - countedFrom) / 1e9;
  const cpuAfter = await cpuSnapshot();
  for (const connection of connections) connection.close();
  if (errors) console.log(`  (${errors} requests were not 201)`);
  const cores = os.cpus().length;
  const share = (key) => `${fmt((100 * (cpuAfter[key] - cpuBefore[key])) / (seconds * cores))} %`;
  const cpu =
    `app ${share('app')}, load generator ${share('generator')}, PostgreSQL ${share('postgres')}, ` +
    `whole machine ${share('machine')} (of ${cores} cores)`;
  return { rate: events / seconds, cpu };
}

/** CPU seconds used so far by the app, this process, PostgreSQL's processes, and the whole machine. */
async function cpuSnapshot() {
  const self = process.cpuUsage();
  const { rows: backends } = await sql.query('SELECT pid FROM pg_stat_activity');
  let postgres = 0;
  for (const { pid } of backends) postgres += await cpuSeconds(pid);
  const [total] = (await readFile('/proc/stat', 'utf8')).split('\n');
  const [, user, nice, system, , , irq, softirq, steal] = total.split(/\s+/).map(Number);
  return {
    app: await cpuSeconds(app.pid),
    generator: (self.user + self.system) / 1e6,
    postgres,
    machine: (user + nice + system + irq + softirq + steal) / 100,
  };
}
