import { Migration } from '@mikro-orm/migrations';

/**
 * When each rate-limit window last counted a hit: a window's hits have all left the sliding window
 * one window after its last hit, so no refusal lasts longer than one window (the weighted estimate
 * alone, which spreads a window's hits evenly, could refuse for up to twice as long).
 */
export class Migration20261207100000_rate_limit_last_hit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "rate_limit_counters" add column "last_hit_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "rate_limit_counters" drop column "last_hit_at";`);
  }
}
