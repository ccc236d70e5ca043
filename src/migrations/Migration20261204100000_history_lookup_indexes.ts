import { Migration } from '@mikro-orm/migrations';

/**
 * The history rollups look up each row's previous day by the table's key. A B-tree led by `day`
 * offered the planner another way, a backward scan until a match, which it takes when statistics
 * are missing or stale (a new installation catching up) and which costs a scan per row:
 * - session days and chain members: `day` gets a BRIN index instead (their rows are written a day
 *   at a time, so BRIN finds a day's rows as well, and costs next to nothing per insert);
 * - user firsts: (day, milestone) becomes (day) (PostgreSQL 18 skip-scans the former on milestone).
 */
export class Migration20261204100000_history_lookup_indexes extends Migration {
  override async up(): Promise<void> {
    for (const table of ['analytics_daily_session_days', 'analytics_daily_chain_members']) {
      this.addSql(`drop index "${table}_day_index";`);
      this.addSql(`create index "${table}_day_brin" on "${table}" using brin ("day");`);
    }
    this.addSql(`drop index "analytics_daily_user_firsts_day_milestone_index";`);
    this.addSql(
      `create index "analytics_daily_user_firsts_day_index" on "analytics_daily_user_firsts" ("day");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "analytics_daily_user_firsts_day_index";`);
    this.addSql(
      `create index "analytics_daily_user_firsts_day_milestone_index" on "analytics_daily_user_firsts" ("day", "milestone");`,
    );
    for (const table of ['analytics_daily_session_days', 'analytics_daily_chain_members']) {
      this.addSql(`drop index "${table}_day_brin";`);
      this.addSql(`create index "${table}_day_index" on "${table}" ("day");`);
    }
  }
}
