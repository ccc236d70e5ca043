import { AsyncLocalStorage } from 'node:async_hooks';

/** Where the current back-office request comes from, for the audit log (AdminJS does not pass the request to resources). */
const storage = new AsyncLocalStorage<{ ip: string | null }>();

export function runWithRequestInfo(ip: string | undefined, next: () => void): void {
  storage.run({ ip: ip ?? null }, next);
}

export function currentRequestIp(): string | null {
  return storage.getStore()?.ip ?? null;
}
