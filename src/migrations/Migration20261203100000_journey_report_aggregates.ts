import { Migration } from '@mikro-orm/migrations';
import {
  COURSE_VIEWERS_INDEX,
  COURSE_VIEWERS_INDEX_SQL,
} from '../modules/analytics/entities/daily-chain-member.entity.js';
import { derivedRollup } from '../modules/analytics/rollup/derived-rollup-sql.js';

const MILESTONE_GAPS = 'milestone_gaps';

/**
 * What keeps the journey reports' cost down when many learners are new in a range: the gaps
 * between milestones per day and bucket (`analytics_daily_milestone_gaps`), and a narrow index of
 * the course viewers' chain rows. The gaps are derived from `analytics_daily_user_firsts` alone, so
 * they are backfilled here for every day whose user_firsts are rolled up (raw events gone or not),
 * oldest first, with a ledger entry carrying that rollup's start time: sealed days stay sealed.
 */
export class Migration20261203100000_journey_report_aggregates extends Migration {
  override async up(): Promise<void> {
    const rollup = derivedRollup(MILESTONE_GAPS);
    if (!rollup) throw new Error(`rollup ${MILESTONE_GAPS} is not defined`);
    this.addSql(
      `create table "analytics_daily_milestone_gaps" ("id" bigserial primary key, "day" date not null, "milestone" text not null, "bucket" smallint not null, "reached" int not null, "sum_ms" numeric not null, "gaps" double precision[] not null, "counts" int[] not null);`,
    );
    this.addSql(
      `create index "analytics_daily_milestone_gaps_day_index" on "analytics_daily_milestone_gaps" ("day");`,
    );
    this.addSql(`${COURSE_VIEWERS_INDEX_SQL};`);
    this.addSql(`do $backfill$
declare
  d date;
  n int;
  base record;
begin
  for base in
    select day, started_at, source_events from analytics_rollup_ledger
    where rollup = 'user_firsts' and status = 'done' order by day
  loop
    d := base.day;
    execute $rollup$${rollup.insert}$rollup$ using d;
    get diagnostics n = row_count;
    insert into analytics_rollup_ledger (rollup, day, status, rows, source_events, started_at, finished_at)
      values ('${MILESTONE_GAPS}', d, 'done', n, base.source_events, base.started_at, clock_timestamp());
  end loop;
end $backfill$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from analytics_rollup_ledger where rollup = '${MILESTONE_GAPS}';`);
    this.addSql(`drop index if exists "${COURSE_VIEWERS_INDEX}";`);
    this.addSql(`drop table if exists "analytics_daily_milestone_gaps" cascade;`);
  }
}
