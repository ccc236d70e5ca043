import { video, text, contest, type CourseDef } from './course-def.js';

export const FULLSTACK_TYPESCRIPT: CourseDef = {
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
    code: 'type Result<T> = { ok: true; value: T } | { ok: false; error: string };\n\nfunction parsePort(raw: string): Result<number> {\n  const port = Number(raw);\n  return Number.isInteger(port) && port > 0\n    ? { ok: true, value: port }\n    : { ok: false, error: `invalid port: ${raw}` };\n}',
  },
  modules: [
    {
      title: 'TypeScript Foundations for the Web',
      description:
        'The parts of the type system you use every day, and how to make the compiler catch real bugs.',
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
};
