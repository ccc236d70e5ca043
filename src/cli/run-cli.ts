import { ConfigError } from '../infra/config/app-config.js';

/** A mistake in how the command was called: printed without a stack. */
export class UsageError extends Error {}

/** Runs a CLI body with its arguments; prints a failure without a stack for expected errors. */
export async function runCli(body: (args: string[]) => Promise<void>): Promise<void> {
  try {
    await body(process.argv.slice(2));
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) console.error(error.message);
    else console.error(error instanceof Error ? error.stack : error);
    process.exitCode = 1;
  }
}
