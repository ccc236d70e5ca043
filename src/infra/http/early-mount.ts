import express, { type Express, type RequestHandler } from 'express';

/**
 * A place at the front of an Express app's middleware, kept at boot for a router that only exists
 * later: the back office, which @adminjs/nestjs mounts from `onModuleInit`, after `configureApp` has
 * added the API's body parsers and after Nest has registered its routes. Express runs middleware in
 * the order it was added, and the back office must come before all of them: the API's JSON and
 * urlencoded parsers would consume an AdminJS form body before formidable sees it, and Nest's
 * routes and 404 handler would answer `/admin` paths first.
 *
 * This replaces reordering Express's internal router stack (`app.router.stack`, Express 5.3.0 with
 * router 2.3.0), which an upgrade could rename (Express 4 called it `app._router`) or make
 * read-only, leaving the back office silently behind the API's parsers. Only public Express API is
 * used here: `app.use` with a handler that delegates to whatever is filled in later.
 *
 * `reserveEarlyMount` must be called before anything else is added to the app (`configureApp` does
 * so first); `fillEarlyMount` throws at boot, naming the slot, if it was not reserved or is filled
 * twice, so a missing slot stops the process instead of serving `/admin` behind the API.
 */
const slots = new WeakMap<Express, Map<string, Slot>>();

interface Slot {
  handler?: RequestHandler;
}

export function reserveEarlyMount(app: Express, name: string): void {
  const appSlots = slots.get(app) ?? new Map<string, Slot>();
  if (appSlots.has(name)) throw new Error(`Early mount "${name}" is already reserved on this app`);
  const slot: Slot = {};
  appSlots.set(name, slot);
  slots.set(app, appSlots);
  app.use(function earlyMount(req, res, next) {
    if (slot.handler) slot.handler(req, res, next);
    else next();
  });
}

/** Serves `path` (and below) with `handler` from the place `reserveEarlyMount` kept for `name`. */
export function fillEarlyMount(app: Express, name: string, path: string, handler: RequestHandler): void {
  const slot = slots.get(app)?.get(name);
  if (!slot)
    throw new Error(
      `Early mount "${name}" was not reserved on this Express app: call configureApp() on the ` +
        'Nest application before app.init()/app.listen(), or the router would run behind the API.',
    );
  if (slot.handler) throw new Error(`Early mount "${name}" is already filled`);
  // A router gives Express's own mount-path semantics (req.baseUrl, req.url below the path), as
  // app.use(path, handler) would.
  const router = express.Router();
  router.use(path, handler);
  slot.handler = router;
}

/** The slot `configureApp` keeps for the back office (filled by the admin module's loader). */
export const BACK_OFFICE_MOUNT = 'backOffice';
