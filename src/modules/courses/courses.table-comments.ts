import type { TableComments } from '../../infra/database/table-comments.js';

/**
 * What each of this module's tables and columns holds, for analysts: the ORM writes these as
 * PostgreSQL comments (Metabase shows them as descriptions). A change here needs a migration
 * (`npm run migration:create` picks it up); the schema test fails until there is one.
 */
export const COURSES_TABLE_COMMENTS: TableComments = {
  courses: {
    table: 'Course catalogue (spec table 2).',
    columns: {
      id: 'Primary key.',
      title: 'Course title.',
      description: 'Course description.',
      thumbnail: 'Thumbnail image URL.',
      instructor: 'Instructor name.',
      duration: 'Total duration in minutes.',
      level: 'Difficulty: beginner, intermediate or advanced.',
      type: 'Course type/category.',
      created_at: 'Creation time (UTC).',
      updated_at: 'Last change (UTC).',
    },
  },
  modules: {
    table: 'Modules of a course (spec table 3), in display order.',
    columns: {
      id: 'Primary key.',
      course_id: 'The course (courses.id).',
      title: 'Module title.',
      description: 'Module description.',
      order: 'Display position within the course, 1..n.',
      learning_outcomes: 'What a learner can do after the module.',
    },
  },
  topics: {
    table:
      'Topics (spec table 4): groups of classes within a module (or directly in a course when module_id is null).',
    columns: {
      id: 'Primary key.',
      module_id: 'The module (modules.id), if any; always a module of the same course.',
      course_id: 'The course (courses.id).',
      title: 'Topic title.',
      order: 'Display position within its module (or course), 1..n.',
    },
  },
  classes: {
    table: 'Classes (spec table 5): the lessons, each a video, a text or a contest.',
    columns: {
      id: 'Primary key.',
      topic_id: 'The topic (topics.id).',
      title: 'Class title.',
      description: 'Class description.',
      content_type: 'video, text or contest.',
      video_url: 'Video or meeting URL (video classes).',
      text_content: 'Markdown body (text classes).',
      contest_url: 'Contest URL (contest classes).',
      duration: 'Duration in seconds.',
      order: 'Display position within the topic, 1..n.',
    },
  },
  catalog_version: {
    table:
      'One row: a random version replaced by triggers in every transaction that writes courses, modules, topics or classes (derived, read-only; the reports cache the outline under it).',
    columns: {
      id: 'Always 1.',
      version: 'Replaced by every catalog write.',
      changed_at: 'When the catalog was last written (UTC).',
    },
    internal: true,
  },
};
