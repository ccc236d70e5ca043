import { video, text, contest, type CourseDef } from './course-def.js';

export const SYSTEM_DESIGN_SENIOR: CourseDef = {
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
};
