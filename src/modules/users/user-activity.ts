/**
 * What other modules know about a user that the staff view of an account shows (`GET /users/:userId`).
 * Users defines the port and the app root binds it (src/app/user-activity.module.ts), so the users
 * module depends on neither access nor progress: they depend on users, not the other way round.
 */
export interface UserActivity {
  /** The user's enrolments, in any course. */
  enrolmentsCount(userId: string): Promise<number>;
  /** The user's last progress heartbeat, over all classes, or null. */
  lastLearningAt(userId: string): Promise<Date | null>;
}

export const USER_ACTIVITY = Symbol('USER_ACTIVITY');
