import type { TrackingContext } from '../../common/tracking/tracking-context.js';

/** Domain events of the courses module (analytics listens; see users.events.ts for the pattern). */
export const COURSE_EVENTS = {
  viewed: 'courses.viewed',
} as const;

export class CourseViewedEvent {
  constructor(
    readonly courseId: string,
    readonly user: { id: string; email: string } | undefined,
    readonly tracking: TrackingContext,
  ) {}
}
