import type { TableComments } from '../../infra/database/table-comments.js';

/**
 * What each of this module's tables and columns holds, for analysts: the ORM writes these as
 * PostgreSQL comments (Metabase shows them as descriptions). A change here needs a migration
 * (`npm run migration:create` picks it up); the schema test fails until there is one.
 */
export const PROGRESS_TABLE_COMMENTS: TableComments = {
  user_progress: {
    table: 'Learning progress (spec table 6): one row per learner and class.',
    columns: {
      id: 'Primary key.',
      user_id: 'The learner (users.id).',
      class_id: 'The class (classes.id).',
      watched_duration: 'Seconds of the class the learner has spent on it (capped at the class duration).',
      last_position: 'Resume position in seconds (videos).',
      is_completed: 'Whether the learner completed the class.',
      last_watched_at: 'Last activity on the class (UTC).',
      completed_at: 'When the class was first completed (UTC).',
    },
  },
  user_course_progress: {
    table:
      'Per learner and course: classes started and completed, kept by triggers on user_progress (derived, read-only).',
    columns: {
      user_id: 'The learner (users.id).',
      course_id: 'The course (courses.id).',
      started_classes: 'Classes of the course with a progress row.',
      completed_classes: 'Classes of the course completed.',
      last_activity_at: 'Latest last_watched_at of the course (UTC).',
      last_class_id: 'The class of that latest activity.',
      last_completed_at: 'Latest completion in the course (UTC).',
    },
  },
  class_watch_days: {
    table:
      'Per class and UTC day: the user_progress rows last watched that day, their watched seconds and completions, kept by triggers on user_progress (derived, read-only).',
    columns: {
      class_id: 'The class (classes.id).',
      day: 'UTC day of last_watched_at.',
      learners: 'Progress rows of the class last watched that day (one per learner).',
      watched_seconds: 'Sum of their watched_duration.',
      completed: 'How many of them are completed.',
    },
  },
};
