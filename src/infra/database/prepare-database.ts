import type { MikroORM } from "@mikro-orm/core";
import { Logger, type LoggerService } from "@nestjs/common";
import { DatabaseSeeder } from "../../seeders/database.seeder.js";
import type { EntityManager } from "@mikro-orm/postgresql";
import { generatePassword } from "../../modules/users/auth/password.js";
import { User } from "../../modules/users/entities/user.entity.js";
import { upsertStaffAccount } from "../../modules/users/staff-accounts.js";
import type { DatabaseConfig } from "../config/app-config.js";

/**
 * Brings the schema up to date and, on an empty database, loads the demo data, so `npm start` on a
 * fresh machine serves something to look at. A database that has users is never re-seeded.
 */
export async function prepareDatabase(
  orm: MikroORM,
  config: Pick<DatabaseConfig, "migrateOnStart" | "seedOnEmpty">,
  logger: LoggerService = new Logger("Database"),
): Promise<void> {
  if (config.migrateOnStart) {
    const applied = await orm.getMigrator().up();
    if (applied.length)
      logger.log(
        `Applied migrations: ${applied.map((m) => m.name).join(", ")}`,
      );
  }
  if (!config.seedOnEmpty) return;
  const users = await orm.em.fork().count(User);
  if (users > 0) return;
  logger.log(
    "Empty database: loading demo data (one-off, takes a few seconds)…",
  );
  const started = Date.now();
  await orm.getSeeder().seed(DatabaseSeeder);
  logger.log(
    `Demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  await seedDemoAdmin(orm, logger);
}

export const DEMO_ADMIN_EMAIL = "admin@example.com";

/**
 * With the demo data, a back-office admin so a fresh machine can sign in at /admin. Its password is
 * random, printed once here and stored only as an argon2id hash; `npm run user:create-admin` resets it.
 */
async function seedDemoAdmin(
  orm: MikroORM,
  logger: LoggerService,
): Promise<void> {
  const password = generatePassword();
  await upsertStaffAccount(orm.em.fork() as EntityManager, {
    email: DEMO_ADMIN_EMAIL,
    password,
    role: "admin",
    name: "Demo admin",
  });
  logger.log(
    `Back office (/admin): sign in as ${DEMO_ADMIN_EMAIL} with password ${password} — shown once; ` +
      `set another with: npm run user:create-admin -- --email ${DEMO_ADMIN_EMAIL}`,
  );
}
