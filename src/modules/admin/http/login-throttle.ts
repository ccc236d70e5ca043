import type { EntityManager } from '@mikro-orm/postgresql';
import { clientKey } from '../../../infra/rate-limit/client-key.js';
import { defined } from '../../../common/assert/defined.js';

export const LOGIN_WINDOW_SECONDS = 15 * 60;
/** Failed sign-ins for one address from one client (IP, IPv6 /64) per window. */
export const PAIR_LIMIT = 5;
/** Failed sign-ins for one address from all clients together: this many per client limit. */
export const ADDRESS_LIMIT_FACTOR = 10;

interface Counter {
  key: string;
  limit: number;
}

export interface LoginAttempt {
  /** Seconds until the client may try again, or null when the attempt may go ahead. */
  retryAfterSeconds: number | null;
  /** Call after a correct password: the attempt is not counted. */
  succeeded(): Promise<void>;
}

/**
 * Back-office sign-in limits that count failures only, per 15-minute window (fixed windows in the
 * `rate_limit_counters` table, shared by every instance):
 * - per client (IP, or IPv6 /64): `limit` failures, whatever the addresses;
 * - per client and address: 5 failures;
 * - per address from all clients: `limit × 10` failures. Only this counter is shared with other
 *   clients, so locking someone out takes that many failures from at least `limit × 2` clients,
 *   and lasts until the window ends (≤ 15 min).
 * An attempt is counted before the password is checked (so parallel guesses cannot slip past the
 * limit) and refunded when the password is right. A refused attempt never counts on the address,
 * only on the refused client.
 */
export class LoginThrottle {
  constructor(
    private readonly em: EntityManager,
    private readonly clientLimit: number,
  ) {}

  async attempt(ip: string | undefined, email: string): Promise<LoginAttempt> {
    const client = clientKey(ip);
    const now = Date.now();
    const windowMs = LOGIN_WINDOW_SECONDS * 1000;
    const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
    const windowEnd = new Date(windowStart.getTime() + windowMs);
    const retryAfterSeconds = Math.max(1, Math.ceil((windowEnd.getTime() - now) / 1000));
    const own: Counter[] = [{ key: `admin-login-fail-ip:${client}`, limit: this.clientLimit }];
    if (email) own.push({ key: `admin-login-fail-pair:${client}:${email}`, limit: PAIR_LIMIT });
    const address: Counter | null = email
      ? { key: `admin-login-fail-email:${email}`, limit: this.clientLimit * ADDRESS_LIMIT_FACTOR }
      : null;

    const counted: Counter[] = [];
    const refund = () => this.add(counted, windowStart, -1, windowEnd);
    const ownHits = await this.add(own, windowStart, 1, windowEnd);
    counted.push(...own);
    if (own.some((c, i) => defined(ownHits[i], `hits of ${c.key}`) > c.limit)) {
      await refund();
      return { retryAfterSeconds, succeeded: async () => undefined };
    }
    if (address) {
      const [hits] = await this.add([address], windowStart, 1, windowEnd);
      counted.push(address);
      if (defined(hits, `hits of ${address.key}`) > address.limit) {
        await refund();
        return { retryAfterSeconds, succeeded: async () => undefined };
      }
    }
    return { retryAfterSeconds: null, succeeded: async () => void (await refund()) };
  }

  private async add(counters: Counter[], windowStart: Date, delta: number, expires: Date): Promise<number[]> {
    if (counters.length === 0) return [];
    const keys = counters.map(() => '?::text').join(', ');
    const rows = await this.em.getConnection().execute<{ key: string; hits: number }[]>(
      `INSERT INTO rate_limit_counters (key, window_start, hits, expires_at)
       SELECT k, ?::timestamptz, greatest(?::int, 0), ?::timestamptz FROM unnest(array[${keys}]) AS k
       ON CONFLICT (key, window_start) DO UPDATE SET hits = greatest(rate_limit_counters.hits + ?::int, 0)
       RETURNING key, hits`,
      [windowStart, delta, expires, ...counters.map((c) => c.key), delta],
    );
    const byKey = new Map(rows.map((r) => [r.key, r.hits]));
    return counters.map((c) => byKey.get(c.key) ?? 0);
  }
}
