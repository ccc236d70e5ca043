import { describe, expect, it } from '@jest/globals';
import AdminJS from 'adminjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertWatchSwitchedOff, switchOffAdminJsWatch } from './adminjs-watch.js';

// The installed package, as the app loads it (its `exports` hide package.json from require.resolve).
const packageFile = (pkg: string, file: string) =>
  readFileSync(join(process.cwd(), 'node_modules', pkg, file), 'utf8');

/**
 * What adminjs-watch.ts relies on, read from the installed packages: if an upgrade changes either
 * side, this fails and points at the patch before the app quietly bundles at runtime again.
 */
describe('AdminJS watch() switched off (adminjs-watch.ts)', () => {
  const originalWatch = AdminJS.prototype.watch;

  it('the unpatched watch() bundles components outside production (what the patch prevents)', () => {
    const source = originalWatch.toString();
    expect(source).toMatch(/process\.env\.NODE_ENV !== 'production'/);
    expect(source).toMatch(/componentsBundler\.watch\(\)/);
  });

  it('@adminjs/nestjs calls admin.watch() on the instance it creates, before the loader registers it', () => {
    const init = packageFile('@adminjs/nestjs', 'build/admin.module.js');
    const onModuleInit = init.slice(init.indexOf('async onModuleInit()'));
    const watchAt = onModuleInit.indexOf('admin.watch()');
    expect(watchAt).toBeGreaterThan(0);
    expect(onModuleInit.indexOf('this.loader.register(admin')).toBeGreaterThan(watchAt);
  });

  it('after switching off, watch() does nothing and the loader check passes only for watched instances', async () => {
    switchOffAdminJsWatch();
    switchOffAdminJsWatch(); // idempotent: the module may be imported by several test apps
    expect(AdminJS.prototype.watch).not.toBe(originalWatch);
    const admin = new AdminJS({ rootPath: '/admin' });
    expect(() => assertWatchSwitchedOff(admin)).toThrow(/without calling admin\.watch\(\)/);
    await expect(admin.watch()).resolves.toBeUndefined();
    expect(() => assertWatchSwitchedOff(admin)).not.toThrow();
  });

  it('an upgrade that renames watch() fails at import time, naming the file', () => {
    const saved = AdminJS.prototype.watch;
    try {
      Object.defineProperty(AdminJS.prototype, 'watch', {
        value: undefined,
        configurable: true,
        writable: true,
      });
      expect(() => switchOffAdminJsWatch()).toThrow(/adminjs-watch\.ts/);
    } finally {
      AdminJS.prototype.watch = saved;
    }
  });
});
