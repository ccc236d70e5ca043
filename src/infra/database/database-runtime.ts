import type { DatabaseConfig } from '../config/app-config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export const EMBEDDED_DATABASE_NAME = 'course_platform';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * The PostgreSQL the process talks to: `DATABASE_URL` when set (nothing is started), otherwise an
 * embedded server with its data under `EMBEDDED_PG_DATA_DIR`.
 */
export async function openDatabase(
  config: DatabaseConfig,
  log: (line: string) => void = () => undefined,
): Promise<DatabaseHandle> {
  if (config.url) return { url: config.url, embedded: false, stop: async () => undefined };
  const server = await startEmbeddedPostgres({
    dataDir: config.embedded.dataDir,
    port: config.embedded.port,
    database: EMBEDDED_DATABASE_NAME,
    onLog: log,
  });
  return { url: server.url, embedded: true, stop: () => server.stop() };
}

/** The URL with its password replaced, for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable url>';
  }
}
