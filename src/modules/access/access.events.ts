import type { TrackingContext } from '../../common/tracking/tracking-context.js';

export const ACCESS_EVENTS = {
  granted: 'access.granted',
  revoked: 'access.revoked',
} as const;

/** A user was enrolled in a course (analytics records it as a `course_event` `course_enrolled`). */
export class AccessGrantedEvent {
  constructor(
    readonly courseId: string,
    readonly userId: string,
    readonly grantedBy: string,
    readonly tracking: TrackingContext,
  ) {}
}

export class AccessRevokedEvent {
  constructor(
    readonly courseId: string,
    readonly userId: string,
    readonly revokedBy: string,
  ) {}
}
