import type { Action, ActionContext, ActionResponse } from 'adminjs';
import type { Role } from '../../../common/auth/auth-user.js';

/** What a signed-in back-office user carries in the session (and AdminJS as `currentAdmin`). */
export interface BackOfficeAdmin {
  id: string;
  email: string;
  role: Extract<Role, 'staff' | 'admin'>;
  title: string;
}

type Check = (context: ActionContext) => boolean;

const roleOf = (context: ActionContext): string | undefined =>
  (context.currentAdmin as BackOfficeAdmin | undefined)?.role;

export const isStaffOrAdmin: Check = (context) => roleOf(context) === 'staff' || roleOf(context) === 'admin';
export const isAdmin: Check = (context) => roleOf(context) === 'admin';
const nobody: Check = () => false;

/**
 * Who may do what, per resource:
 * - `manage`: staff and admins list, show, create, edit and delete (catalog, access, progress);
 * - `readOnly`: staff and admins list and show; nobody writes (raw events, aggregates, ledger);
 * - `system`: admins only, who may list, show and delete (sessions, tokens, rate limits).
 * Every action is checked on the server (AdminJS answers 403), not only hidden in the UI.
 */
export type AccessPreset = 'manage' | 'readOnly' | 'system';

export type Actions = Record<string, Partial<Action<ActionResponse>>>;

export function actionsFor(preset: AccessPreset): Actions {
  const read = preset === 'system' ? isAdmin : isStaffOrAdmin;
  const write = preset === 'manage' ? isStaffOrAdmin : nobody;
  const remove = preset === 'manage' ? isStaffOrAdmin : preset === 'system' ? isAdmin : nobody;
  return {
    list: { isAccessible: read },
    show: { isAccessible: read },
    search: { isAccessible: read },
    new: { isAccessible: write },
    edit: { isAccessible: write },
    delete: { isAccessible: remove },
    bulkDelete: { isAccessible: remove },
  };
}

/** Merges per-resource action options over the preset (deeply, one level). */
export function mergeActions(base: Actions, extra: Actions = {}): Actions {
  const merged: Actions = { ...base };
  for (const [name, action] of Object.entries(extra)) merged[name] = { ...(base[name] ?? {}), ...action };
  return merged;
}
