import type { TableComments } from '../../infra/database/table-comments.js';

/**
 * What each of this module's tables and columns holds, for analysts: the ORM writes these as
 * PostgreSQL comments (Metabase shows them as descriptions). A change here needs a migration
 * (`npm run migration:create` picks it up); the schema test fails until there is one.
 */
export const ACCESS_TABLE_COMMENTS: TableComments = {
  course_access: {
    table: 'Enrolments (spec table 7): who may open which course.',
    columns: {
      id: 'Primary key.',
      user_id: 'The learner (users.id).',
      course_id: 'The course (courses.id).',
      granted_at: 'When access was granted (UTC).',
    },
  },
  course_enrolment_days: {
    table:
      'Enrolments per course and UTC day of granted_at, kept by triggers on course_access (derived, read-only; may hold 0 after revocations).',
    columns: {
      course_id: 'The course (courses.id).',
      day: 'UTC day the enrolments were granted.',
      enrolled: 'course_access rows of the course granted that day.',
    },
  },
};
