import type { EntityManager as CoreEntityManager } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Seeder } from '@mikro-orm/seeder';
import { seedAnalyticsEvents } from './analytics-events.seeder.js';
import { simulateAnonymousVisits } from './anonymous-visits.js';
import { buildCatalog } from './catalog.js';
import { seedCatalog, type CatalogCounts } from './catalog.seeder.js';
import { simulateJourneys } from './journeys.js';
import { seedLearning, type LearningCounts } from './learning.seeder.js';
import { buildUserProfiles } from './people.js';
import { Timeline } from './timeline.js';
import { seedUsers } from './users.seeder.js';
import { seedDemoAdmin } from './demo-admin.seeder.js';

/** Rows actually added per table (0 everywhere on a re-run). */
export interface SeedSummary extends CatalogCounts, LearningCounts {
  users: number;
  analyticsEvents: number;
}

/**
 * Demo data: 5 courses, 300 learners with enrolments and progress, ~150 days of analytics events.
 *
 * Deterministic and idempotent: everything is generated from a fixed seed (random.ts), ids are
 * derived from stable keys, and rows are inserted with ON CONFLICT DO NOTHING. Only timestamps
 * depend on the run date: they are placed relative to the start of today (timeline.ts) so the data
 * always looks recent. Everything is generated in memory first, then written in one transaction:
 * a failure leaves the database as it was.
 */
export async function seedDemoData(em: EntityManager, now: Date = new Date()): Promise<SeedSummary> {
  const timeline = new Timeline(now);
  const catalog = buildCatalog(timeline);
  const journeys = simulateJourneys(buildUserProfiles(), catalog, timeline);
  simulateAnonymousVisits(catalog, timeline, journeys.loginVisits, journeys.events);

  return em.transactional(async (tx) => {
    const catalogCounts = await seedCatalog(tx, catalog);
    const users = await seedUsers(tx, journeys.learners, timeline);
    const learning = await seedLearning(tx, journeys, users.resolveId, timeline);
    const analyticsEvents = await seedAnalyticsEvents(tx, journeys.events, users.resolveId);
    return { ...catalogCounts, users: users.inserted, ...learning, analyticsEvents };
  });
}

/** Entry point for `orm.getSeeder().seed(DatabaseSeeder)` (seed CLI and first start on an empty database). */
export class DatabaseSeeder extends Seeder {
  async run(em: CoreEntityManager): Promise<void> {
    // The bulk inserts need the SQL query builder; the seeder always runs on PostgreSQL.
    if (!(em instanceof EntityManager)) throw new Error('The demo seeder needs the PostgreSQL driver');
    await seedDemoData(em);
    await seedDemoAdmin(em);
  }
}
