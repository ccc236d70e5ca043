import { ConfigError } from '../infra/config/app-config.js';

/** Runs a CLI body with its arguments; prints a failure without a stack for expected errors. */
export async function runCli(body: (args: string[]) => Promise<void>): Promise<void> {
  try {
    await body(process.argv.slice(2));
  } catch (error) {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  }
}
