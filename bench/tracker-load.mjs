// Background ingestion for the benches that measure something else under load (bench:rollup,
// bench:prune): what web trackers send to POST /analytics/events — batches of 1–5 events without
// client ids, client timestamps, UTM in the page URL, customData — from visitors of whom half are
// logged in (a real login session's access token, checked on every request) and half anonymous.
// Open loop: every connection sends on a fixed schedule, and a request's latency is counted from
// when it was due, not from when it was sent, so a stall shows in full (a closed loop would send
// less while the server is stuck and hide it).
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '#dist/infra/config/app-config.js';
import { TokenService } from '#dist/modules/users/auth/token.service.js';
import { User } from '#dist/modules/users/entities/user.entity.js';
import { keepAliveConnection, must } from './lib.mjs';

/** @typedef {{ id: string; token: string }} TrackerUser */
/** @typedef {{ at: number; latency: number; status: number; events: number }} Sample */

/**
 * `count` accounts (students unless `role` says otherwise), each with a login session and its access
 * token (signed with `jwtSecret`): the app checks a token's session on every request, so a token
 * signed by hand is refused.
 * @param {import('@mikro-orm/postgresql').MikroORM} orm
 * @param {string} jwtSecret
 * @param {number} count
 * @param {'student' | 'staff'} [role]
 * @returns {Promise<TrackerUser[]>}
 */
export async function issueTokens(orm, jwtSecret, count, role = 'student') {
  const config = loadConfig({ JWT_SECRET: jwtSecret });
  const em = orm.em.fork();
  const tokens = new TokenService(
    em,
    new JwtService({ secret: jwtSecret, signOptions: { algorithm: 'HS256' } }),
    config,
  );
  const accounts = [];
  for (let i = 0; i < count; i++) {
    const email = `${role === 'student' ? 'tracker' : role}-${i}@example.com`;
    // A kept database (BENCH_DATA_DIR) has the accounts of the previous run: sign them in again.
    const user =
      (await em.findOne(User, { email })) ?? em.create(User, { email, role, emailVerified: new Date() });
    await em.flush();
    const { accessToken } = await tokens.issueForLogin(user);
    accounts.push({ id: user.id, token: accessToken });
  }
  return accounts;
}

const PAGES = ['/', '/courses', '/courses/python-data-analysis', '/login', '/dashboard', '/pricing'];
const UTM = [
  'utm_source=google&utm_medium=cpc&utm_campaign=spring',
  'utm_source=newsletter&utm_medium=email',
  '',
];
let seq = 0;

/** @param {string} session */
function eventJson(session) {
  const n = seq++;
  const page = PAGES[n % PAGES.length];
  const utm = UTM[n % UTM.length];
  const click = n % 4 === 3;
  return (
    `{"eventType":"${click ? 'gtm_custom_click' : 'we_page_load'}",` +
    (click ? `"buttonName":"enrol-now",` : '') +
    `"sessionId":"${session}","page":"${page}${utm ? `?${utm}` : ''}","platform":"web",` +
    `"timestamp":"${new Date().toISOString()}",` +
    `"customData":{"referrer":"https://www.example.com/search?q=python","viewport":"1440x900","lang":"en-GB"}}`
  );
}

/**
 * Starts `connections` visitors on the app at `port` sending `rps` requests a second in all (1–5
 * events each, 3 on average). `stop()` ends them and resolves with every request: when it was due
 * (`at`, performance.now() ms), its latency from then (ms) and its status.
 * @param {{ port: number; users: TrackerUser[]; rps?: number; connections?: number }} options
 */
export function startTrackerLoad({ port, users, rps = 200, connections = 40 }) {
  const period = (connections / rps) * 1000;
  /** @type {Sample[]} */
  const samples = [];
  let running = true;
  const t0 = performance.now() + 50;
  const loops = Array.from({ length: connections }, async (_, c) => {
    /** @type {Record<string, string>} */
    const headers = {};
    if (c % 2) headers.Authorization = `Bearer ${must(users[c % users.length], 'a tracker user').token}`;
    const http = keepAliveConnection(
      '127.0.0.1',
      port,
      'POST',
      '/analytics/events',
      'application/json',
      headers,
    );
    let session = randomUUID();
    let due = t0 + (c / connections) * period;
    for (let k = 0; running; k++) {
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (!running) break;
      if (k % 50 === 49) session = randomUUID(); // a visitor's next visit
      const n = 1 + ((c + k) % 5);
      const body =
        n === 1
          ? eventJson(session)
          : `{"events":[${Array.from({ length: n }, () => eventJson(session)).join(',')}]}`;
      let status;
      try {
        status = await http.send(body);
      } catch {
        status = 0;
      }
      samples.push({ at: due, latency: performance.now() - due, status, events: n });
      due += period;
    }
    http.close();
  });
  return {
    samples,
    async stop() {
      running = false;
      await Promise.all(loops);
      return samples;
    },
  };
}

/**
 * Latency of the requests due in [from, to): p50, p99, max (the longest any request waited), the
 * longest time without a completed request, and how many did not answer 201.
 * @param {Sample[]} samples
 */
export function latencySummary(samples, from = -Infinity, to = Infinity) {
  const inWindow = samples.filter((s) => s.at >= from && s.at < to);
  const latencies = inWindow.map((s) => s.latency).sort((a, b) => a - b);
  const q = (/** @type {number} */ p) =>
    latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil(p * latencies.length) - 1))] ?? 0;
  const done = inWindow.map((s) => s.at + s.latency).sort((a, b) => a - b);
  let gap = 0;
  let previous = done[0] ?? 0;
  for (const at of done) {
    gap = Math.max(gap, at - previous);
    previous = at;
  }
  return {
    requests: inWindow.length,
    events: inWindow.reduce((n, s) => n + (s.status === 201 ? s.events : 0), 0),
    p50: q(0.5),
    p99: q(0.99),
    max: latencies.at(-1) ?? 0,
    longestGap: gap,
    failed: inWindow.filter((s) => s.status !== 201).length,
  };
}
