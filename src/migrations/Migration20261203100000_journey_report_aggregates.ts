import { Migration } from '@mikro-orm/migrations';

// Frozen copies (migrations never import live code: editing the entity must not change this).
const MILESTONE_GAPS = 'milestone_gaps';
const COURSE_VIEWERS_INDEX = 'analytics_daily_chain_members_course_viewers_index';
const COURSE_VIEWERS_INDEX_SQL = `create index "${COURSE_VIEWERS_INDEX}" on "analytics_daily_chain_members" ("member", (keys[1]), "day") where metric = 'course_viewers'`;

/**
 * What keeps the journey reports' cost down when many learners are new in a range: the gaps
 * between milestones per day and bucket (`analytics_daily_milestone_gaps`), and a narrow index of
 * the course viewers' chain rows. The gaps are derived from `analytics_daily_user_firsts` alone, so
 * every day whose user_firsts are rolled up (raw events gone or not) is marked 'pending' for them in
 * the ledger, with that rollup's start time: the rebuild (daily job, `npm run analytics:rebuild`)
 * derives them oldest first, and sealed days stay sealed.
 */
export class Migration20261203100000_journey_report_aggregates extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "analytics_daily_milestone_gaps" ("id" bigserial primary key, "day" date not null, "milestone" text not null, "bucket" smallint not null, "reached" int not null, "sum_ms" numeric not null, "gaps" double precision[] not null, "counts" int[] not null);`,
    );
    this.addSql(
      `create index "analytics_daily_milestone_gaps_day_index" on "analytics_daily_milestone_gaps" ("day");`,
    );
    this.addSql(`${COURSE_VIEWERS_INDEX_SQL};`);
    // The gaps of days already rolled up are derived from their user_firsts later, by the daily job
    // or `npm run analytics:rebuild`, with the rollup's definition of then (none is frozen here).
    this
      .addSql(`insert into analytics_rollup_ledger (rollup, day, status, rows, source_events, started_at, finished_at)
      select '${MILESTONE_GAPS}', day, 'pending', 0, source_events, started_at, clock_timestamp()
      from analytics_rollup_ledger where rollup = 'user_firsts' and status = 'done'
      on conflict (rollup, day) do nothing;`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from analytics_rollup_ledger where rollup = '${MILESTONE_GAPS}';`);
    this.addSql(`drop index if exists "${COURSE_VIEWERS_INDEX}";`);
    this.addSql(`drop table if exists "analytics_daily_milestone_gaps" cascade;`);
  }
}
