import { AdminSession } from '../modules/admin/entities/admin-session.entity.js';
import { CourseAccess } from '../modules/access/entities/course-access.entity.js';
import { CourseEnrolmentDay } from '../modules/access/entities/course-enrolment-day.entity.js';
import { ANALYTICS_ENTITIES } from '../modules/analytics/entities/index.js';
import { ReportDelivery } from '../modules/analytics/delivery/report-delivery.entity.js';
import { ReportSubscription } from '../modules/analytics/delivery/report-subscription.entity.js';
import { CatalogVersion } from '../modules/courses/entities/catalog-version.entity.js';
import { CourseClass } from '../modules/courses/entities/course-class.entity.js';
import { CourseModule } from '../modules/courses/entities/course-module.entity.js';
import { Course } from '../modules/courses/entities/course.entity.js';
import { Topic } from '../modules/courses/entities/topic.entity.js';
import { ClassWatchDay } from '../modules/progress/entities/class-watch-day.entity.js';
import { UserCourseProgress } from '../modules/progress/entities/user-course-progress.entity.js';
import { UserProgress } from '../modules/progress/entities/user-progress.entity.js';
import { ApiKey } from '../modules/users/api-keys/api-key.entity.js';
import { OtpCode } from '../modules/users/entities/otp-code.entity.js';
import { RefreshToken } from '../modules/users/entities/refresh-token.entity.js';
import { User } from '../modules/users/entities/user.entity.js';
import { ACCESS_TABLE_COMMENTS } from '../modules/access/index.js';
import { ANALYTICS_TABLE_COMMENTS } from '../modules/analytics/index.js';
import { COURSES_TABLE_COMMENTS } from '../modules/courses/index.js';
import { PROGRESS_TABLE_COMMENTS } from '../modules/progress/index.js';
import { USERS_TABLE_COMMENTS } from '../modules/users/index.js';
import { AuditEvent } from '../infra/audit/audit-event.entity.js';
import type { TableComments } from '../infra/database/table-comments.js';
import { RateLimitCounter } from '../infra/rate-limit/rate-limit-counter.entity.js';

/**
 * Every entity, as class references (no globs: the same list works from `src` under Jest and from
 * `dist` under node). The ORM is one shared schema, so it is registered once, here, at the app root:
 * the registry is the one place that knows every module.
 */
export const ENTITIES = [
  User,
  Course,
  CourseModule,
  Topic,
  CourseClass,
  CatalogVersion,
  CourseAccess,
  CourseEnrolmentDay,
  UserProgress,
  UserCourseProgress,
  ClassWatchDay,
  ...ANALYTICS_ENTITIES,
  // Identity and operations (not in the spec's list; added by later migrations).
  OtpCode,
  RefreshToken,
  RateLimitCounter,
  AdminSession,
  AuditEvent,
  ApiKey,
  ReportSubscription,
  ReportDelivery,
];

/** Every module's table and column comments (the ORM writes them as PostgreSQL comments). */
export const TABLE_COMMENTS: TableComments = {
  ...USERS_TABLE_COMMENTS,
  ...COURSES_TABLE_COMMENTS,
  ...ACCESS_TABLE_COMMENTS,
  ...PROGRESS_TABLE_COMMENTS,
  ...ANALYTICS_TABLE_COMMENTS,
};
