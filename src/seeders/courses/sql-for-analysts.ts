import { video, text, contest, type CourseDef } from './course-def.js';

export const SQL_FOR_ANALYSTS: CourseDef = {
  slug: 'sql-for-analysts',
  title: 'SQL for Data Analysts',
  description:
    'Learn to answer business questions with SQL: filtering, aggregation, joins, CTEs and window functions, practised on an e-commerce database.',
  instructor: 'Sofia Lindqvist',
  level: 'beginner',
  type: 'skill-based',
  ageDays: 160,
  popularity: 26,
  videoHost: 'vimeo',
  snippet: {
    language: 'sql',
    code: "SELECT customer_id,\n       order_date,\n       SUM(total) OVER (PARTITION BY customer_id ORDER BY order_date) AS running_total\nFROM orders\nWHERE order_date >= DATE '2024-01-01';",
  },
  modules: [
    {
      title: 'Querying Data',
      description: 'SELECT, WHERE, GROUP BY: the queries behind most dashboards.',
      outcomes: [
        'Write SELECT queries with filters and sorting',
        'Aggregate with GROUP BY and HAVING',
        'Reason about NULL correctly',
      ],
      topics: [
        {
          title: 'SELECT basics',
          classes: [
            video('Your first SELECT', 10),
            video('Filtering with WHERE', 12),
            contest('Practice: filter the orders table', 20),
          ],
        },
        {
          title: 'Aggregations',
          classes: [video('GROUP BY and HAVING', 15), text('NULLs and three-valued logic', 8)],
        },
      ],
    },
    {
      title: 'Joining and Shaping Data',
      description: 'Combine tables and compute running totals, ranks and cohorts.',
      outcomes: [
        'Choose the right join for the question',
        'Break complex queries into CTEs',
        'Use window functions for rankings and running totals',
      ],
      topics: [
        {
          title: 'Joins',
          classes: [
            video('INNER, LEFT and FULL joins', 17),
            text('Join diagrams cheat sheet', 6),
            contest('Practice: customer lifetime value', 30),
          ],
        },
        {
          title: 'Advanced queries',
          classes: [
            video('Subqueries and CTEs', 16),
            video('Window functions', 21),
            contest('Final assessment: SQL analytics', 40),
          ],
        },
      ],
    },
  ],
};
