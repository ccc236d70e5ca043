import type { ContentType, CourseLevel, CourseType } from '../modules/courses/courses.constants.js';

/*
 * The demo catalogue as plain data. catalog.ts turns it into rows (ids, orders, URLs, Markdown),
 * so this file only says *what* is taught. Class lengths are in minutes here; the rows store seconds.
 */

export interface ClassDef {
  readonly kind: ContentType;
  readonly title: string;
  readonly minutes: number;
}

export interface TopicDef {
  readonly title: string;
  /** Bullet points for the Markdown of text classes; defaults to the module's learning outcomes. */
  readonly notes?: readonly string[];
  readonly classes: readonly ClassDef[];
}

export interface ModuleDef {
  readonly title: string;
  readonly description: string;
  readonly outcomes: readonly string[];
  readonly topics: readonly TopicDef[];
}

export interface CourseDef {
  /** Stable key: ids are derived from it, so never rename an existing slug. */
  readonly slug: string;
  readonly title: string;
  readonly description: string;
  readonly instructor: string;
  readonly level: CourseLevel;
  readonly type: CourseType;
  /** How long ago the course was published. */
  readonly ageDays: number;
  /** Relative share of enrolments. */
  readonly popularity: number;
  readonly videoHost: 'youtube' | 'vimeo';
  /** Code block shown in the course's text lessons. */
  readonly snippet: { readonly language: string; readonly code: string };
  /** Topics attached to the course itself (`module_id` is null), before or after the modules. */
  readonly topicsBefore?: readonly TopicDef[];
  readonly modules: readonly ModuleDef[];
  readonly topicsAfter?: readonly TopicDef[];
}

const video = (title: string, minutes: number): ClassDef => ({ kind: 'video', title, minutes });
const text = (title: string, minutes: number): ClassDef => ({ kind: 'text', title, minutes });
const contest = (title: string, minutes: number): ClassDef => ({ kind: 'contest', title, minutes });

export const COURSES: readonly CourseDef[] = [
  {
    slug: 'fullstack-typescript',
    title: 'Full-Stack Web Development with TypeScript',
    description:
      'Build and ship production-grade web applications end to end: typed APIs with Node.js and PostgreSQL, a React front end, automated tests and a CI/CD pipeline. Ideal for developers moving into a full-stack role.',
    instructor: 'Maya Okafor',
    level: 'intermediate',
    type: 'role-specific',
    ageDays: 210,
    popularity: 30,
    videoHost: 'youtube',
    snippet: {
      language: 'ts',
      code: "type Result<T> = { ok: true; value: T } | { ok: false; error: string };\n\nfunction parsePort(raw: string): Result<number> {\n  const port = Number(raw);\n  return Number.isInteger(port) && port > 0\n    ? { ok: true, value: port }\n    : { ok: false, error: `invalid port: ${raw}` };\n}",
    },
    modules: [
      {
        title: 'TypeScript Foundations for the Web',
        description: 'The parts of the type system you use every day, and how to make the compiler catch real bugs.',
        outcomes: [
          'Configure a strict TypeScript project from scratch',
          'Model data with unions, narrowing and discriminated types',
          'Write reusable generic functions and utility types',
        ],
        topics: [
          {
            title: 'Types that pay for themselves',
            classes: [
              video('Why TypeScript? Setting up the toolchain', 14),
              video('Structural typing, unions and narrowing', 18),
              text('Cheat sheet: everyday types', 8),
            ],
          },
          {
            title: 'Generics and utility types',
            classes: [
              video('Generics without tears', 16),
              video('Mapped and conditional types in practice', 20),
              contest('Type challenge: model a shopping cart', 30),
            ],
          },
        ],
      },
      {
        title: 'Building REST APIs with Node.js',
        description: 'Design, validate and persist a JSON API the way production teams do.',
        outcomes: [
          'Design resource-oriented REST endpoints',
          'Validate input and return consistent errors',
          'Persist data in PostgreSQL with migrations and transactions',
        ],
        topics: [
          {
            title: 'HTTP and routing',
            classes: [
              video('Anatomy of an HTTP request', 12),
              video('Routing, controllers and validation', 22),
              text('Status codes you will actually use', 10),
            ],
          },
          {
            title: 'Persistence with PostgreSQL',
            classes: [
              video('Modelling data and writing migrations', 24),
              video('Transactions and the N+1 problem', 19),
              contest('Build a notes API', 45),
            ],
          },
        ],
      },
      {
        title: 'Modern Frontend with React',
        description: 'Components, state and forms: a React front end that talks to your API.',
        outcomes: [
          'Split a UI into small, testable components',
          'Fetch and cache server data without race conditions',
          'Build accessible forms with client-side validation',
        ],
        topics: [
          {
            title: 'Components and state',
            classes: [
              video('Thinking in components', 15),
              video('State, effects and data fetching', 21),
              text('Accessibility checklist for forms', 9),
            ],
          },
          {
            title: 'Routing and forms',
            classes: [
              video('Client-side routing', 13),
              video('Forms with validation', 17),
              contest('Quiz: React fundamentals', 20),
            ],
          },
        ],
      },
      {
        title: 'Shipping to Production',
        description: 'Tests, containers and pipelines so every merge can go live safely.',
        outcomes: [
          'Choose the right mix of unit, integration and end-to-end tests',
          'Package a Node.js service as a small Docker image',
          'Deploy automatically from a CI/CD pipeline',
        ],
        topics: [
          {
            title: 'Testing',
            classes: [
              video('Unit vs integration vs end-to-end', 16),
              text('Writing tests that survive refactors', 12),
            ],
          },
          {
            title: 'Deploying',
            classes: [
              video('Docker images for Node.js apps', 18),
              video('CI/CD with GitHub Actions', 20),
              contest('Capstone: deploy your full-stack app', 60),
            ],
          },
        ],
      },
    ],
  },
  {
    slug: 'python-data-analysis',
    title: 'Python for Data Analysis',
    description:
      'Go from zero programming experience to confident data analysis with Python, pandas and Matplotlib. Every module ends with a hands-on exercise on a real-world dataset.',
    instructor: 'Arjun Mehta',
    level: 'beginner',
    type: 'skill-based',
    ageDays: 195,
    popularity: 34,
    videoHost: 'vimeo',
    snippet: {
      language: 'python',
      code: "import pandas as pd\n\nrides = pd.read_csv('bike_trips.csv', parse_dates=['started_at'])\nby_day = rides.groupby(rides['started_at'].dt.day_name())['duration_min'].mean()\nprint(by_day.sort_values(ascending=False).round(1))",
    },
    topicsBefore: [
      {
        title: 'Before you begin',
        notes: [
          'Each module mixes short videos, readings and one graded exercise',
          'Expect to spend three to four hours a week',
          'Ask questions in the discussion forum under each class',
        ],
        classes: [text('How this course works', 5), video('Installing Python and Jupyter', 11)],
      },
    ],
    modules: [
      {
        title: 'Python Essentials',
        description: 'Just enough Python to be productive with data.',
        outcomes: [
          'Use variables, lists and dictionaries fluently',
          'Write small reusable functions',
          'Read CSV and JSON files into Python',
        ],
        topics: [
          {
            title: 'Syntax and data types',
            classes: [
              video('Variables, numbers and strings', 14),
              video('Lists, dicts and comprehensions', 17),
              contest('Practice set: Python basics', 25),
            ],
          },
          {
            title: 'Functions and files',
            classes: [video('Writing reusable functions', 13), text('Reading CSV and JSON files', 10)],
          },
        ],
      },
      {
        title: 'Data Wrangling with pandas',
        description: 'Load, clean, reshape and combine tabular data with pandas.',
        outcomes: [
          'Select, filter and sort DataFrames',
          'Handle missing values and wrong types',
          'Summarise data with groupby, merge and pivot tables',
        ],
        topics: [
          {
            title: 'DataFrames',
            classes: [
              video('Series and DataFrames', 16),
              video('Selecting, filtering and sorting', 18),
              text('pandas indexing cheat sheet', 7),
            ],
          },
          {
            title: 'Cleaning and reshaping',
            classes: [
              video('Missing values and type conversions', 19),
              video('groupby, merge and pivot tables', 22),
              contest('Clean a messy sales dataset', 40),
            ],
          },
        ],
      },
      {
        title: 'Visualising and Communicating Data',
        description: 'Turn analysis into charts and a short story stakeholders understand.',
        outcomes: [
          'Plot distributions and trends with Matplotlib and Seaborn',
          'Pick the right chart for the question',
          'Present findings in a short written report',
        ],
        topics: [
          {
            title: 'Charts',
            classes: [video('Matplotlib in 15 minutes', 15), video('Seaborn for statistical plots', 17)],
          },
          {
            title: 'Storytelling with data',
            classes: [text('Choosing the right chart', 9), contest('Final project: analyse city bike trips', 50)],
          },
        ],
      },
    ],
  },
  {
    slug: 'system-design-senior',
    title: 'System Design for Senior Engineers',
    description:
      'Reason about scalability, availability and consistency like a staff engineer. Covers the building blocks of distributed systems and walks through classic interview case studies with timed mock interviews.',
    instructor: 'Dr. Elena Vasquez',
    level: 'advanced',
    type: 'role-specific',
    ageDays: 180,
    popularity: 18,
    videoHost: 'youtube',
    snippet: {
      language: 'text',
      code: 'peak writes  = 50M DAU x 20 writes / 86,400 s x 3 (peak factor) ≈ 35k writes/s\nstorage/year = 50M x 20 x 365 x 1 KB ≈ 365 TB (x3 replication ≈ 1.1 PB)',
    },
    modules: [
      {
        title: 'Foundations of Scalable Systems',
        description: 'Estimate load, then pick the load balancing and caching strategy it calls for.',
        outcomes: [
          'Estimate traffic, storage and bandwidth on the back of an envelope',
          'Choose between L4 and L7 load balancing',
          'Design a caching layer and its invalidation strategy',
        ],
        topics: [
          {
            title: 'Back-of-the-envelope estimation',
            classes: [video('Latency numbers and capacity planning', 21), text('Estimation worksheet', 10)],
          },
          {
            title: 'Load balancing and caching',
            classes: [video('L4 vs L7 load balancers', 18), video('Caching strategies and invalidation', 24)],
          },
        ],
      },
      {
        title: 'Data at Scale',
        description: 'Replication, partitioning and messaging, and the trade-offs each one forces.',
        outcomes: [
          'Compare leader-follower and leaderless replication',
          'Choose shard keys that avoid hot spots',
          'Design reliable asynchronous workflows with queues and logs',
        ],
        topics: [
          {
            title: 'Replication and partitioning',
            classes: [
              video('Leader-follower and leaderless replication', 26),
              video('Shard keys and hot spots', 22),
              text('Consistency models explained', 14),
            ],
          },
          {
            title: 'Messaging',
            classes: [
              video('Queues, logs and exactly-once myths', 23),
              contest('Design review: event-driven checkout', 45),
            ],
          },
        ],
      },
      {
        title: 'Interview-Style Case Studies',
        description: 'Classic design problems solved step by step, then practised under time pressure.',
        outcomes: [
          'Structure a 45-minute design interview',
          'Communicate trade-offs clearly',
          'Deep-dive into the bottleneck an interviewer asks about',
        ],
        topics: [
          {
            title: 'Classic designs',
            classes: [
              video('Design a URL shortener', 28),
              video('Design a news feed', 32),
              video('Design a rate limiter', 25),
            ],
          },
          {
            title: 'Mock interviews',
            classes: [
              text('How system design interviews are scored', 11),
              contest('Timed mock: design a chat service', 60),
            ],
          },
        ],
      },
    ],
  },
  {
    slug: 'aws-solutions-architect-associate',
    title: 'AWS Certified Solutions Architect – Associate: Exam Prep',
    description:
      'A structured path to the SAA-C03 exam: core compute, storage, networking and security services, resilient and cost-optimised architectures, and a full-length timed practice exam.',
    instructor: 'Daniel Kim',
    level: 'intermediate',
    type: 'certification',
    ageDays: 170,
    popularity: 22,
    videoHost: 'youtube',
    snippet: {
      language: 'json',
      code: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": ["s3:GetObject"],\n      "Resource": "arn:aws:s3:::reports-bucket/monthly/*"\n    }\n  ]\n}',
    },
    modules: [
      {
        title: 'Core Services',
        description: 'Compute and storage building blocks and how they are priced.',
        outcomes: [
          'Pick EC2 instance families and purchase options for a workload',
          'Configure Auto Scaling groups',
          'Choose S3 storage classes and lifecycle rules',
        ],
        topics: [
          {
            title: 'Compute',
            classes: [
              video('EC2 instance families and pricing', 19),
              video('Auto Scaling groups and launch templates', 17),
            ],
          },
          {
            title: 'Storage',
            classes: [
              video('S3 storage classes and lifecycle rules', 16),
              text('EBS vs EFS vs instance store', 9),
              contest('Quiz: compute and storage', 20),
            ],
          },
        ],
      },
      {
        title: 'Networking and Security',
        description: 'VPC design and identity: the domain where most candidates lose points.',
        outcomes: [
          'Design a VPC with public and private subnets',
          'Tell security groups and network ACLs apart',
          'Write least-privilege IAM policies',
        ],
        topics: [
          {
            title: 'VPC design',
            classes: [video('Subnets, route tables and NAT', 22), video('Security groups vs NACLs', 14)],
          },
          {
            title: 'Identity and access',
            classes: [
              video('IAM policies and roles', 20),
              text('Least-privilege policy examples', 12),
              contest('Quiz: networking and IAM', 25),
            ],
          },
        ],
      },
      {
        title: 'Resilient and Cost-Optimised Architectures',
        description: 'Multi-AZ designs, managed databases and the cost pillar of the Well-Architected Framework.',
        outcomes: [
          'Design for high availability across Availability Zones and Regions',
          'Choose between RDS, Aurora and DynamoDB',
          'Reduce cost with Savings Plans and right-sizing',
        ],
        topics: [
          {
            title: 'High availability',
            classes: [
              video('Multi-AZ and multi-Region patterns', 21),
              video('RDS, Aurora and DynamoDB trade-offs', 24),
            ],
          },
          {
            title: 'Cost optimisation',
            classes: [text('Well-Architected cost pillar summary', 10), video('Savings Plans and Reserved Instances', 13)],
          },
        ],
      },
    ],
    topicsAfter: [
      {
        title: 'Final practice exam',
        notes: [
          'Flag long questions and come back to them',
          'Eliminate the two clearly wrong answers first',
          'Aim for 72% or more on the practice exam before booking',
        ],
        classes: [text('Exam-day strategy', 8), contest('Full-length practice exam (65 questions)', 130)],
      },
    ],
  },
  {
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
      code: 'SELECT customer_id,\n       order_date,\n       SUM(total) OVER (PARTITION BY customer_id ORDER BY order_date) AS running_total\nFROM orders\nWHERE order_date >= DATE \'2024-01-01\';',
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
  },
];
