import type { Action, ActionResponse } from 'adminjs';
import type { ApiKeysService } from '../../users/index.js';
import { Components } from '../admin-components.js';
import { isAdmin, type BackOfficeAdmin } from '../resources/access.js';

const actorOf = (admin: unknown) => {
  const { id, email } = admin as BackOfficeAdmin;
  return { id, email };
};

/**
 * API key actions (admins only): make a key — shown once, in the answer, never stored — and
 * revoke one. Both go through the users module's `ApiKeysService`, as the command line does, so
 * they are audited the same way. Keys are never edited or deleted: a revoked key stays as history.
 */
export function apiKeyActions(keys: ApiKeysService): Record<string, Partial<Action<ActionResponse>>> {
  return {
    new: { isAccessible: false, isVisible: false },
    edit: { isAccessible: false, isVisible: false },
    delete: { isAccessible: false, isVisible: false },
    bulkDelete: { isAccessible: false, isVisible: false },
    createKey: {
      actionType: 'resource',
      icon: 'Key',
      component: Components.ApiKeyCreate,
      isAccessible: isAdmin,
      handler: async (request, _response, context) => {
        if (request.method !== 'post') return {};
        const payload = (request.payload ?? {}) as Record<string, unknown>;
        const days = typeof payload.expiresInDays === 'string' && payload.expiresInDays.trim();
        try {
          const made = await keys.create(
            {
              name: String(payload.name ?? ''),
              scopes: String(payload.scopes ?? '')
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
              expiresInDays: days ? Number(days) : null,
            },
            actorOf(context.currentAdmin),
          );
          return {
            apiKey: { id: made.id, prefix: made.prefix, key: made.key },
            notice: { message: 'API key created: copy it now, it is shown only once', type: 'success' },
          };
        } catch (error) {
          const message = error instanceof Error ? error.message : 'The key could not be created';
          return { notice: { message, type: 'error' } };
        }
      },
    },
    revokeKey: {
      actionType: 'record',
      icon: 'Slash',
      isAccessible: (context) => isAdmin(context) && !context.record?.get('revokedAt'),
      guard:
        'Revoke this API key? Jobs using it are refused from the next request on; this cannot be undone.',
      handler: async (_request, _response, context) => {
        const { record, currentAdmin, h, resource } = context;
        if (!record) throw new Error('No API key');
        await keys.revoke(String(record.id()), actorOf(currentAdmin));
        return {
          record: record.toJSON(currentAdmin),
          redirectUrl: h.resourceUrl({ resourceId: resource._decorated?.id() ?? resource.id() }),
          notice: { message: 'API key revoked', type: 'success' },
        };
      },
    },
  };
}
