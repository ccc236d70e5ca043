// Shared helpers of the benchmarks: they run on the built app (`npm run build` first; the npm
// scripts do it), start their own embedded PostgreSQL unless DATABASE_URL is set, and print the
// machine so figures from different runs can be compared.
import { MikroORM } from '@mikro-orm/postgresql';
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import net, { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { buildOrmOptions } from '#dist/app/orm.config.js';
import { startEmbeddedPostgres } from '#dist/infra/database/embedded-postgres.js';

/**
 * `value`, or an error naming what is missing (for entries a bench's own setup guarantees).
 * @template T
 * @param {T | undefined} value
 * @param {string} what
 * @returns {T}
 */
export function must(value, what) {
  if (value === undefined) throw new Error(`bench: expected ${what}, found nothing`);
  return value;
}

/** @param {string} title */
export function printMachine(title) {
  const cpus = os.cpus();
  console.log(`\n=== ${title} ===`);
  console.log(
    `machine: ${cpus[0]?.model ?? 'unknown cpu'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ` +
      `${os.platform()} ${os.release()}, node ${process.version}`,
  );
}

/**
 * A PostgreSQL for this run: DATABASE_URL, or an embedded server on a free port, in a temp dir
 * removed at the end, or in `keepDir` (kept, and reused by the next run that names it). With
 * `copyFrom`, the server starts on a copy of that (stopped) data directory. `stop({ keepData })`
 * leaves the temp dir's data (at `dataDir`) for the caller to copy.
 * @param {string} [keepDir]
 * @param {{ copyFrom?: string }} [options]
 * @returns {Promise<{ url: string; dataDir?: string; stop: (options?: { keepData?: boolean }) => Promise<void> }>}
 */
export async function startDatabase(keepDir, { copyFrom } = {}) {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => undefined };
  const dir = keepDir ?? (await mkdtemp(join(os.tmpdir(), 'cp-bench-pg-')));
  await mkdir(dir, { recursive: true });
  await chmod(dir, 0o755);
  const dataDir = join(dir, 'data');
  if (copyFrom) await promisify(execFile)('cp', ['-a', copyFrom, dataDir]);
  const port = await freePort();
  const pg = await startEmbeddedPostgres({ dataDir, port, database: 'bench' });
  return {
    url: pg.url,
    dataDir,
    stop: async ({ keepData = false } = {}) => {
      await pg.stop();
      if (!keepDir && !keepData) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** @param {string} url */
export async function migrate(url) {
  const orm = await MikroORM.init(buildOrmOptions({ url, poolMax: 2 }));
  await orm.getMigrator().up();
  return orm;
}

/** @returns {Promise<number>} */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address()); // a TCP listener's address
      server.close(() => resolve(port));
    });
  });
}

/** @param {number} n */
export const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * Prints a verdict; a FAIL makes the bench exit non-zero (after it has printed everything). Set
 * again on 'exit': embedded-postgres's exit hook ends the process with process.exit(0) on
 * 'beforeExit', which would otherwise turn a FAIL into exit code 0.
 * @param {string} label
 * @param {boolean} ok
 */
export function verdict(label, ok) {
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${label}`);
  if (!ok && process.exitCode !== 1) {
    process.exitCode = 1;
    process.once('exit', () => (process.exitCode = 1));
  }
  return ok;
}

/**
 * A minimal HTTP/1.1 keep-alive client for load generators that share the machine with the app:
 * one request in flight per connection, responses with a Content-Length (what the app sends). Per
 * request it costs a write and a read and a few string operations, a fraction of http.request
 * (whose agent, parser and streams cost about as much as the app's own HTTP layer), so the
 * generator takes less of the CPU the app and PostgreSQL need. Resolves with the status code.
 * @param {string} host
 * @param {number} port
 * @param {string} method
 * @param {string} path
 * @param {Record<string, string>} [headers]
 */
export function keepAliveConnection(
  host,
  port,
  method,
  path,
  contentType = 'application/json',
  headers = {},
) {
  const extra = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const head = `${method} ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nContent-Type: ${contentType}\r\n${extra}Content-Length: `;
  const socket = net.connect({ host, port, noDelay: true });
  socket.setEncoding('latin1');
  const connected = new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let buffer = '';
  /** @type {{ resolve: (status: number) => void; reject: (error: Error) => void } | undefined} */
  let waiting;
  /** @param {Error} error */
  const fail = (error) => {
    const w = waiting;
    waiting = undefined;
    w?.reject(error);
  };
  socket.on('data', (chunk) => {
    buffer += chunk;
    const headEnd = buffer.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const length = /\r\ncontent-length: *(\d+)/i.exec(buffer.slice(0, headEnd))?.[1];
    if (!length) return fail(new Error(`response without Content-Length: ${buffer.slice(0, headEnd)}`));
    const end = headEnd + 4 + Number(length);
    if (buffer.length < end) return;
    const status = Number(buffer.slice(9, 12));
    buffer = buffer.slice(end);
    const w = waiting;
    waiting = undefined;
    w?.resolve(status);
  });
  socket.on('error', fail);
  socket.on('close', () => fail(new Error('connection closed')));
  return {
    /**
     * `body` must be ASCII (its length is its byte length).
     * @param {string} body
     * @returns {Promise<number>}
     */
    async send(body) {
      await connected;
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        socket.write(`${head}${body.length}\r\n\r\n${body}`, 'latin1');
      });
    },
    close: () => socket.destroy(),
  };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux, 100 ticks a second); 0 when unknown. */
/** @param {number | undefined} pid */
export async function cpuSeconds(pid) {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields.length > 12 ? (Number(fields[11]) + Number(fields[12])) / 100 : 0;
}

/**
 * The built app (`dist/main.js`) as production runs it (NODE_ENV=production, the Dockerfile's Node
 * flags), on a free port against `url`, with throwaway secrets unless `env` gives them; no jobs, no
 * seed, no mail sent. Resolves once /health answers 200; `stop()` ends it gracefully. With
 * `onLogLine`, the app's stdout (its JSON log lines) goes there instead of to this process's stdout.
 * @param {string} url
 * @param {{ env?: Record<string, string>; nodeArgs?: string[]; onLogLine?: (line: string) => void }} [options]
 */
export async function startApp(url, { env = {}, nodeArgs = [], onLogLine } = {}) {
  const port = await freePort();
  const secret = () => randomBytes(32).toString('hex');
  const child = spawn(process.execPath, ['--max-old-space-size=1024', ...nodeArgs, 'dist/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      LOG_PRETTY: 'false',
      JOBS_ENABLED: 'false',
      SEED_ON_EMPTY: 'false',
      JWT_SECRET: secret(),
      OTP_SECRET: secret(),
      ADMIN_SESSION_SECRET: secret(),
      SMTP_URL: 'smtp://127.0.0.1:9',
      ...env,
    },
    stdio: ['ignore', onLogLine ? 'pipe' : 'inherit', 'inherit'],
  });
  if (onLogLine && child.stdout) createInterface({ input: child.stdout }).on('line', onLogLine);
  await waitForHealth(port);
  return {
    port,
    pid: child.pid,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** Samples a process's resident set size every `ms`; `peak(from, to)` is the largest in that window (performance.now() ms). */
/** @param {number | undefined} pid */
export function sampleRss(pid, ms = 100) {
  /** @type {{ at: number; bytes: number }[]} */
  const samples = [];
  const timer = setInterval(async () => {
    const at = performance.now();
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    if (kb) samples.push({ at, bytes: kb * 1024 });
  }, ms);
  return {
    stop: () => clearInterval(timer),
    peak: (from = -Infinity, to = Infinity) =>
      samples.filter((s) => s.at >= from && s.at < to).reduce((max, s) => Math.max(max, s.bytes), 0),
  };
}

/** @param {number} port */
async function waitForHealth(port) {
  for (let i = 0; i < 300; i++) {
    const ok = await new Promise((resolve) => {
      http
        .get({ host: '127.0.0.1', port, path: '/health' }, (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        })
        .on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the app did not start');
}

/**
 * Loads analytics events of the days `first`..`last` the fast way: their partitions are created,
 * the table's indexes and primary key dropped, `load()` run, and the key and indexes rebuilt once.
 * @param {import('pg').ClientBase} sql
 * @param {string} first
 * @param {string} last
 * @param {() => Promise<unknown>} load
 */
export async function loadEventsWithoutIndexes(sql, first, last, load) {
  await sql.query(
    `SELECT analytics_events_ensure_partition(d::date) FROM generate_series($1::date, $2::date, interval '1 day') AS d`,
    [first, last],
  );
  const { rows: indexes } = await sql.query(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'analytics_events' AND indexname <> 'analytics_events_pkey'`,
  );
  for (const i of indexes) await sql.query(`DROP INDEX ${i.indexname}`);
  await sql.query('ALTER TABLE analytics_events DROP CONSTRAINT analytics_events_pkey');
  await load();
  await sql.query(
    'ALTER TABLE analytics_events ADD CONSTRAINT analytics_events_pkey PRIMARY KEY (id, "timestamp")',
  );
  // pg_indexes gives a partitioned table's index as `ON ONLY` (the parent alone, no partition gets
  // one): built on every partition, as the migration's indexes are.
  for (const i of indexes) await sql.query(i.indexdef.replace(' ON ONLY ', ' ON '));
}

/** GET `path` on the app with a bearer token; resolves with the body (rejects unless 200). */
/**
 * @param {number} port
 * @param {string} path
 * @param {string} token
 * @param {http.Agent} [agent]
 * @returns {Promise<Buffer>}
 */
export function getJson(port, path, token, agent) {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
        /** @type {Buffer[]} */
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
