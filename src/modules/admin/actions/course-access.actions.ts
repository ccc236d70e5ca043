import type { Action, ActionResponse } from 'adminjs';
import type { AccessService } from '../../access/index.js';
import { Components } from '../admin-components.js';
import { isStaffOrAdmin, type BackOfficeAdmin } from '../resources/access.js';

/** Course record actions: enrol picked users in the course, or take their access away. */
export function courseAccessActions(access: AccessService): Record<string, Partial<Action<ActionResponse>>> {
  const action = (mode: 'grant' | 'revoke'): Partial<Action<ActionResponse>> => ({
    actionType: 'record',
    icon: mode === 'grant' ? 'UserPlus' : 'UserMinus',
    component: Components.CourseAccessAction,
    isAccessible: isStaffOrAdmin,
    handler: async (request, _response, context) => {
      const { record, currentAdmin } = context;
      if (!record) throw new Error('No course');
      if (request.method !== 'post') return { record: record.toJSON(currentAdmin) };
      const userIds = parseIds(request.payload?.userIds);
      if (userIds.length === 0) {
        return {
          record: record.toJSON(currentAdmin),
          notice: { message: 'Pick at least one user', type: 'error' },
        };
      }
      const courseId = String(record.id());
      const admin = currentAdmin as BackOfficeAdmin;
      const actor = { id: admin.id, email: admin.email, role: admin.role };
      // Through the access service, like the REST API: the same events (course_enrolled) are written.
      const changed =
        mode === 'grant'
          ? (await access.grantMany(courseId, { userIds }, actor)).granted.length
          : await access.revokeMany(courseId, userIds, actor);
      const message =
        mode === 'grant'
          ? `Access granted to ${changed} user(s)${changed < userIds.length ? ` (${userIds.length - changed} already had it)` : ''}`
          : `Access revoked for ${changed} user(s)`;
      return {
        record: record.toJSON(currentAdmin),
        notice: { message, type: 'success' },
      };
    },
  });
  return { grantAccess: action('grant'), revokeAccess: action('revoke') };
}

/** `userIds` as a comma-separated list (the form) or a list (flattened `userIds.0`, `userIds.1`, …). */
function parseIds(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return [
    ...new Set(
      list
        .filter((v): v is string => typeof v === 'string')
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
}
