import type pg from 'pg';
import { copyRowsOut } from './copy-rows.js';

/** The rows of one rollup, in COPY's text format, and how long the reader took for them. */
export interface ReaderOutput {
  rows: Buffer[];
  ms: number;
}

/**
 * A read-only transaction on a second connection that sees exactly what the writing transaction
 * sees: it imports the writer's exported snapshot (`pg_export_snapshot()`, as pg_dump does for its
 * parallel workers). Queries run one after the other, in the order they are asked for, while the
 * writer goes on with its own statements.
 */
export class SnapshotReader {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly client: pg.Client) {}

  /** `settings` are `SET LOCAL` statements for the reader's transaction (work_mem, jit, …). */
  static async open(client: pg.Client, snapshot: string, settings: string[]): Promise<SnapshotReader> {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(`SET TRANSACTION SNAPSHOT '${snapshot.replaceAll("'", "''")}'`);
    for (const setting of settings) await client.query(setting);
    return new SnapshotReader(client);
  }

  /** The rows of `select` (no parameters: COPY takes none), once the reads asked before are done. */
  copyOut(select: string): Promise<ReaderOutput> {
    const result = this.queue.then(async () => {
      const at = Date.now();
      const rows = await copyRowsOut(this.client, select);
      return { rows, ms: Date.now() - at };
    });
    // A failed read must not stop the queue's later reads from reporting their own outcome.
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Ends the transaction (nothing was written) once the queued reads are settled. */
  async close(): Promise<void> {
    await this.queue;
    await this.client.query('ROLLBACK');
  }
}
