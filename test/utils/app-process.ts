import { spawn, type ChildProcess } from 'node:child_process';

/** A real app process (`src/main.ts`, as `npm start` runs it), started with PORT=0. */
export interface AppProcess {
  process: ChildProcess;
  /** The port the instance listens on, read from its boot log. */
  port(): number | undefined;
  output: string[];
  exited: Promise<number | null>;
}

/**
 * Starts the app on `databaseUrl` with the settings every multi-process test shares (the OS picks
 * the port at listen time: a port chosen beforehand can be taken meanwhile) and `env` over them.
 */
export function startAppProcess(databaseUrl: string, env: Record<string, string>): AppProcess {
  const child = spawn(process.execPath, ['--import', './test/support/ts-loader.mjs', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = () => {
    const match = /API +http:\/\/localhost:(\d+)/.exec(output.join(''));
    return match ? Number(match[1]) : undefined;
  };
  return { process: child, port, output, exited };
}

/** Its port once `/health/ready` answers 200; throws with the boot log if it exits or is late. */
export async function whenReady(instance: AppProcess, deadline: number): Promise<number> {
  while (Date.now() < deadline) {
    if (instance.process.exitCode !== null)
      throw new Error(`instance exited (${instance.process.exitCode}):\n${instance.output.join('')}`);
    const port = instance.port();
    const ok =
      port !== undefined &&
      (await fetch(`http://127.0.0.1:${port}/health/ready`)
        .then((res) => res.ok)
        .catch(() => false));
    if (ok) return port;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`instance not ready in time:\n${instance.output.join('')}`);
}
