import AdminJS from 'adminjs';

/**
 * Switches off AdminJS's runtime bundling. @adminjs/nestjs 7.0.0 (`AdminModule.onModuleInit`)
 * creates the AdminJS instance itself and calls `admin.watch()` on it right before our loader's
 * `register()`; AdminJS 7.8.17's `watch()`, whenever NODE_ENV is not `production`, writes a
 * components entry into ADMIN_JS_TMP_DIR (inside the app's folder) and keeps a rollup watcher
 * alive. Our components are bundled by `npm run build` and only read at runtime (admin-bundle.ts),
 * so `AdminJS.prototype.watch` is replaced; there is no option for it, and the instance is out of
 * reach until after the call.
 *
 * What an upgrade can break, and how it shows: if AdminJS renames `watch`, `switchOffAdminJsWatch`
 * throws at import; if @adminjs/nestjs stops calling `watch()` (bundling some other way, or not at
 * all), `assertWatchSwitchedOff` throws in the loader at boot — review whether it now bundles at
 * runtime before changing this. adminjs-watch.spec.ts checks both packages' code for the calls.
 */
const switchedOff = new WeakSet<AdminJS>();

async function noRuntimeBundling(this: AdminJS): Promise<undefined> {
  switchedOff.add(this);
  return undefined;
}

export function switchOffAdminJsWatch(): void {
  const current: unknown = AdminJS.prototype.watch;
  if (current === noRuntimeBundling) return;
  if (typeof current !== 'function')
    throw new Error(
      'AdminJS.prototype.watch is not a function: AdminJS changed how it bundles at runtime; ' +
        'see src/modules/admin/http/adminjs-watch.ts before upgrading',
    );
  AdminJS.prototype.watch = noRuntimeBundling;
}

/** Throws unless `admin.watch()` was called and went through `noRuntimeBundling` (the loader checks). */
export function assertWatchSwitchedOff(admin: AdminJS): void {
  if (AdminJS.prototype.watch !== noRuntimeBundling)
    throw new Error('AdminJS.prototype.watch was replaced again after switchOffAdminJsWatch()');
  if (!switchedOff.has(admin))
    throw new Error(
      '@adminjs/nestjs started AdminJS without calling admin.watch(): it changed how AdminJS is ' +
        'started (runtime bundling?); see src/modules/admin/http/adminjs-watch.ts before upgrading',
    );
}
