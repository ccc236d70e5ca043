import { Migration } from '@mikro-orm/migrations';

/**
 * The version (a hash of the SQL) of the rollup that wrote each ledger entry: the daily job derives
 * a day's aggregate again when its definition has changed since. Entries written before this
 * migration have none and count as current (rebuilding every day on the first run would be a
 * surprise; `npm run analytics:rebuild` after marking days pending does it on purpose).
 */
export class Migration20261207090000_rollup_versions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "analytics_rollup_ledger" add column "version" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "analytics_rollup_ledger" drop column "version";`);
  }
}
