import { Migration } from '@mikro-orm/migrations';

/**
 * Intraday refreshes roll today up so far as a *provisional* day: the ledger says so (status
 * 'provisional') and records the time up to which its aggregates cover events (`covers_until`).
 * Down: provisional entries become 'failed' (their rows are today's partial aggregates, which the
 * older code would otherwise take for a finished day).
 */
export class Migration20261207170000_provisional_days extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "analytics_rollup_ledger" add column "covers_until" timestamptz null;`);
    this.addSql(
      `comment on column "analytics_rollup_ledger"."status" is 'done, failed, pending (to be derived again) or provisional (today so far, up to covers_until; see ANALYTICS_INTRADAY_MINUTES).';`,
    );
    this.addSql(
      `comment on column "analytics_rollup_ledger"."covers_until" is 'A provisional day: its aggregates count the events with timestamps up to this time (committed when the refresh started). Null for other days.';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `update "analytics_rollup_ledger" set status = 'failed', error = 'provisional (reverted migration)' where status = 'provisional';`,
    );
    this.addSql(`alter table "analytics_rollup_ledger" drop column "covers_until";`);
    this.addSql(
      `comment on column "analytics_rollup_ledger"."status" is 'done, failed or pending (to be derived again).';`,
    );
  }
}
