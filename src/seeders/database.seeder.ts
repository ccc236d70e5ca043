import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';

/** Demo data: see the helper-written seeders in this folder. */
export class DatabaseSeeder extends Seeder {
  async run(_em: EntityManager): Promise<void> {}
}
