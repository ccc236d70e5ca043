import { Migration } from '@mikro-orm/migrations';
import { DERIVED_ROLLUPS } from '../modules/analytics/rollup/derived-rollup-sql.js';

const BASE_ROLLUPS = [
  'events',
  'sessions',
  'login_funnel',
  'pages',
  'utm',
  'content',
  'user_content',
  'user_activity',
];
const TABLES = [
  'analytics_daily_campaigns',
  'analytics_daily_content_counts',
  'analytics_daily_chain_counts',
  'analytics_daily_chain_members',
  'analytics_daily_module_events',
  'analytics_daily_session_days',
  'analytics_daily_session_durations',
  'analytics_daily_session_funnel',
  'analytics_daily_session_landings',
  'analytics_daily_user_firsts',
];

/**
 * Reassembles a session's login funnel across the days of a range: the state is the step reached,
 * and each day's `funnel` array (rollup-sql.ts) says where a session entering the day at step k ends
 * it. Used by the reports with `ORDER BY day`.
 */
const FUNNEL_CHAIN = `create or replace function analytics_funnel_chain_step(reached smallint, day_funnel smallint[]) returns smallint
language sql immutable strict as $$ select case when reached >= 7 then 7::smallint else day_funnel[reached + 1] end $$;`;

/**
 * The reports' aggregates (rollup/derived-rollup-sql.ts). They are derived from the base aggregates
 * only, so they are backfilled here for every day already rolled up, including days whose raw
 * events are gone, oldest first (some read earlier days), with the current definitions; each gets a
 * ledger entry with the base rollups' start time, so sealed days stay sealed and are not rolled up
 * again. Days not rolled up yet get them from the daily job like the base ones.
 */
export class Migration20261202100000_analytics_report_aggregates extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "analytics_daily_campaigns" ("id" bigserial primary key, "day" date not null, "utm_source" text null, "utm_medium" text null, "utm_campaign" text null, "events" int not null, "page_views" int not null, "logins" int not null);`,
    );
    this.addSql(`create index "analytics_daily_campaigns_day_index" on "analytics_daily_campaigns" ("day");`);

    this.addSql(
      `create table "analytics_daily_content_counts" ("id" bigserial primary key, "day" date not null, "course_id" text null, "class_id" text null, "page_views" int not null, "course_views" int not null, "class_starts" int not null, "class_completions" int not null, "reached25" int not null, "reached50" int not null, "reached75" int not null, "contest_starts" int not null, "contest_completions" int not null, "video_events" int not null, "contest_events" int not null);`,
    );
    this.addSql(
      `create index "analytics_daily_content_counts_day_index" on "analytics_daily_content_counts" ("day");`,
    );

    this.addSql(
      `create table "analytics_daily_chain_counts" ("id" bigserial primary key, "day" date not null, "metric" text not null, "keys" text[] not null, "gap_days" int null, "members" int not null);`,
    );
    this.addSql(
      `create index "analytics_daily_chain_counts_metric_day_index" on "analytics_daily_chain_counts" ("metric", "day");`,
    );
    this.addSql(
      `create index "analytics_daily_chain_counts_day_index" on "analytics_daily_chain_counts" ("day");`,
    );

    this.addSql(
      `create table "analytics_daily_chain_members" ("id" bigserial primary key, "day" date not null, "metric" text not null, "keys" text[] not null, "member" text not null, "prev_day" date null);`,
    );
    this.addSql(
      `create index "analytics_daily_chain_members_day_index" on "analytics_daily_chain_members" ("day");`,
    );
    this.addSql(
      `alter table "analytics_daily_chain_members" add constraint "analytics_daily_chain_members_metric_member_keys_day_unique" unique ("metric", "member", "keys", "day");`,
    );

    this.addSql(
      `create table "analytics_daily_module_events" ("id" bigserial primary key, "day" date not null, "course_id" text null, "module_id" text not null, "event_action" text not null, "events" int not null);`,
    );
    this.addSql(
      `create index "analytics_daily_module_events_day_index" on "analytics_daily_module_events" ("day");`,
    );

    this.addSql(
      `create table "analytics_daily_session_days" ("session_id" text not null, "day" date not null, "prev_day" date null, "converted" boolean not null, constraint "analytics_daily_session_days_pkey" primary key ("session_id", "day"));`,
    );
    this.addSql(
      `create index "analytics_daily_session_days_prev_day_index" on "analytics_daily_session_days" ("prev_day");`,
    );
    this.addSql(
      `create index "analytics_daily_session_days_day_index" on "analytics_daily_session_days" ("day");`,
    );

    this.addSql(
      `create table "analytics_daily_session_durations" ("id" bigserial primary key, "day" date not null, "platform" text null, "utm_source" text null, "bucket" smallint not null, "sessions" int not null, "seconds" numeric not null);`,
    );
    this.addSql(
      `create index "analytics_daily_session_durations_day_index" on "analytics_daily_session_durations" ("day");`,
    );

    this.addSql(
      `create table "analytics_daily_session_funnel" ("id" bigserial primary key, "day" date not null, "platform" text null, "utm_source" text null, "step" smallint not null, "sessions" int not null);`,
    );
    this.addSql(
      `create index "analytics_daily_session_funnel_day_index" on "analytics_daily_session_funnel" ("day");`,
    );

    this.addSql(
      `create table "analytics_daily_session_landings" ("id" bigserial primary key, "day" date not null, "platform" text null, "utm_source" text null, "landing_page" text null, "sessions" int not null, "bounces" int not null, "conversions" int not null, "page_views" int not null);`,
    );
    this.addSql(
      `create index "analytics_daily_session_landings_day_index" on "analytics_daily_session_landings" ("day");`,
    );

    this.addSql(
      `create table "analytics_daily_user_firsts" ("user_id" text not null, "milestone" text not null, "day" date not null, "first_at" timestamptz not null, "prev_first_at" timestamptz null, constraint "analytics_daily_user_firsts_pkey" primary key ("user_id", "milestone"));`,
    );
    this.addSql(
      `create index "analytics_daily_user_firsts_day_milestone_index" on "analytics_daily_user_firsts" ("day", "milestone");`,
    );

    this.addSql(FUNNEL_CHAIN);
    this.addSql(
      `create aggregate analytics_funnel_chain(smallint[]) (sfunc = analytics_funnel_chain_step, stype = smallint, initcond = '0');`,
    );
    this.backfill();
  }

  private backfill(): void {
    // The aggregates created here only: later migrations create and backfill their own.
    const steps = DERIVED_ROLLUPS.filter((r) => TABLES.includes(r.table)).map(
      (r) => `execute $rollup$${r.insert}$rollup$ using d;
      get diagnostics n = row_count;
      insert into analytics_rollup_ledger (rollup, day, status, rows, source_events, started_at, finished_at)
        values ('${r.name}', d, 'done', n, base.source_events, base.started_at, clock_timestamp());`,
    );
    this.addSql(`do $backfill$
declare
  d date;
  n int;
  base record;
begin
  for d in
    select day from analytics_rollup_ledger where rollup = any(array[${BASE_ROLLUPS.map((r) => `'${r}'`).join(', ')}]) and status = 'done'
    group by day having count(*) = ${BASE_ROLLUPS.length} order by day
  loop
    select min(started_at) as started_at, max(source_events) as source_events into base
      from analytics_rollup_ledger where day = d and rollup = any(array[${BASE_ROLLUPS.map((r) => `'${r}'`).join(', ')}]);
    ${steps.join('\n    ')}
  end loop;
end $backfill$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop aggregate if exists analytics_funnel_chain(smallint[]);`);
    this.addSql(`drop function if exists analytics_funnel_chain_step(smallint, smallint[]);`);
    this.addSql(
      `delete from analytics_rollup_ledger where rollup in (${DERIVED_ROLLUPS.map((r) => `'${r.name}'`).join(', ')});`,
    );
    for (const table of TABLES) this.addSql(`drop table if exists "${table}" cascade;`);
  }
}
