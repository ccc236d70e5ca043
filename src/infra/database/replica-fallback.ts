import type { Logger } from '@nestjs/common';

/**
 * Errors after which the primary answers instead of the replica: it cannot be reached or is
 * restarting (57P01, 57P03, a broken connection, no connection within the pool's wait), or it
 * cancelled the query because WAL replay needed what it was reading (a recovery conflict, 40001).
 */
export function replicaUnavailable(error: unknown): boolean {
  const { code, message, name } = error as { code?: string; message?: string; name?: string };
  return (
    ['40001', '57P01', '57P02', '57P03', '08000', '08003', '08006', 'ECONNREFUSED', 'ECONNRESET'].includes(
      code ?? '',
    ) ||
    name === 'KnexTimeoutError' ||
    /Connection terminated|timeout exceeded when trying to connect/i.test(message ?? '')
  );
}

/**
 * Runs a read on the replica ('read'; the primary when DATABASE_REPLICA_URL is not set) and, when
 * the replica cannot answer, once more on the primary: a replica outage slows reports down, it does
 * not fail them. Only for reads that may see an older snapshot (reports, analytics lists).
 */
export async function readPreferringReplica<T>(
  work: (connection: 'read' | 'write') => Promise<T>,
  logger: Pick<Logger, 'warn'>,
): Promise<T> {
  try {
    return await work('read');
  } catch (error) {
    if (!replicaUnavailable(error)) throw error;
    logger.warn(`read answered by the primary: the replica failed (${(error as Error).message})`);
    return work('write');
  }
}
