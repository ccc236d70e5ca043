import type { MikroORM } from '@mikro-orm/core';
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

async function withLock<T>(
  orm: MikroORM,
  lockName: string,
  lockFunction: 'pg_try_advisory_lock' | 'pg_advisory_lock',
  work: () => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  // A dropped connection (failover, pg_terminate_backend, network) emits 'error', which would crash
  // the process without a listener. The lock goes with the connection; the unlock then fails and
  // the job reports it.
  const client = openClient('job-lock', orm.config.get('clientUrl') ?? '', (error) =>
    logger.error(`connection holding the "${lockName}" lock lost: ${error.message}`),
  );
  await client.connect();
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
