import type { MikroORM } from '@mikro-orm/core';
import type pg from 'pg';
import { Logger } from '@nestjs/common';
import { openClient } from '../database/pools.js';
import { firstRow } from '../../common/assert/defined.js';

const logger = new Logger('ExclusiveJob');

/**
 * Runs `work` on at most one app instance at a time: a PostgreSQL session advisory lock, held on a
 * dedicated connection for the whole run (pooled connections would hand the lock to whoever gets
 * the connection next). Returns `{ ran: false }` when another instance holds the lock. If this
 * process dies, PostgreSQL drops the connection and the lock with it.
 */
export async function runExclusive<T>(
  orm: MikroORM,
  lockName: string,
  work: () => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  return withLock(orm, lockName, 'pg_try_advisory_lock', work);
}

/**
 * Like `runExclusive`, but waits for an instance holding the lock to finish, then runs `work`:
 * for steps every instance must see done before it goes on (migrations and the demo data at start).
 */
export async function runAfterOthers<T>(orm: MikroORM, lockName: string, work: () => Promise<T>): Promise<T> {
  const outcome = await withLock(orm, lockName, 'pg_advisory_lock', work);
  if (!outcome.ran) throw new Error(`the "${lockName}" lock was not granted`);
  return outcome.result;
}

/**
 * A scheduled run that must not be skipped because something shorter holds `sharedLock` (the
 * nightly rollup behind an intraday refresh): at most one instance runs it (`onceLock`, tried,
 * as `runExclusive`), and that one waits up to `waitMs` for `sharedLock`, then runs `work` holding
 * both. Both locks are on one connection. Gives up with an error after `waitMs`.
 */
export async function runExclusiveAfterOthers<T>(
  orm: MikroORM,
  locks: { onceLock: string; sharedLock: string; waitMs: number },
  work: () => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  const client = await lockConnection(orm, locks.onceLock);
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
      [locks.onceLock],
    );
    if (!firstRow(rows, 'pg_try_advisory_lock').locked) return { ran: false };
    try {
      // PostgreSQL waits (no polling); lock_timeout bounds the wait, advisory locks included.
      await client.query(`SET lock_timeout = ${Math.max(1, Math.round(locks.waitMs))}`);
      await client
        .query('SELECT pg_advisory_lock(hashtext($1))', [locks.sharedLock])
        .catch((error: unknown) => {
          throw (error as { code?: string }).code === '55P03'
            ? new Error(`"${locks.sharedLock}" stayed held for ${Math.round(locks.waitMs / 1000)} s`)
            : error;
        });
      await client.query('RESET lock_timeout');
      try {
        return { ran: true, result: await work() };
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [locks.sharedLock]);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [locks.onceLock]);
    }
  } finally {
    await client.end();
  }
}

async function withLock<T>(
  orm: MikroORM,
  lockName: string,
  lockFunction: 'pg_try_advisory_lock' | 'pg_advisory_lock',
  work: () => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  const client = await lockConnection(orm, lockName);
  try {
    const { rows } = await client.query<{ locked: boolean | '' }>(
      `SELECT ${lockFunction}(hashtext($1)) AS locked`,
      [lockName],
    );
    // pg_advisory_lock returns void ('' from the driver) once granted; the try variant a boolean.
    if (firstRow(rows, lockFunction).locked === false) return { ran: false };
    try {
      return { ran: true, result: await work() };
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockName]);
    }
  } finally {
    await client.end();
  }
}

/**
 * A dedicated connection for advisory locks. A dropped connection (failover, pg_terminate_backend,
 * network) emits 'error', which would crash the process without a listener. The lock goes with the
 * connection; the unlock then fails and the job reports it.
 */
async function lockConnection(orm: MikroORM, lockName: string): Promise<pg.Client> {
  const client = openClient('job-lock', orm.config.get('clientUrl') ?? '', (error) =>
    logger.error(`connection holding the "${lockName}" lock lost: ${error.message}`),
  );
  await client.connect();
  return client;
}
