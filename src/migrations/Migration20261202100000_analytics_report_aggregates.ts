import { Migration } from '@mikro-orm/migrations';

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
/** The rollups of the tables created here (their ledger names), frozen: later ones are not. */
const DERIVED = [
  'campaigns',
  'content_counts',
  'chain_counts',
  'chain_members',
  'module_events',
  'session_days',
  'session_durations',
  'session_funnel',
  'session_landings',
  'user_firsts',
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
 * only, so they can be built for every day already rolled up, including days whose raw events are
 * gone: each such day gets a 'pending' ledger entry for them, with the base rollups' start time (so
 * sealed days stay sealed and are not rolled up again), which the rebuild (the daily job, or
 * `npm run analytics:rebuild`) derives oldest first. Days not rolled up yet get them from the daily
 * job like the base ones. (Until 2026-12-07 this ran the rollups' SQL itself, importing the live
 * definitions: a later edit of a rollup then changed what this migration did.)
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

  /** Marks the new aggregates of every day already rolled up 'pending', for the rebuild to derive. */
  private backfill(): void {
    const base = BASE_ROLLUPS.map((r) => `'${r}'`).join(', ');
    this
      .addSql(`insert into analytics_rollup_ledger (rollup, day, status, rows, source_events, started_at, finished_at)
      select r.name, b.day, 'pending', 0, b.source_events, b.started_at, clock_timestamp()
      from (select day, min(started_at) as started_at, max(source_events) as source_events
            from analytics_rollup_ledger where rollup = any(array[${base}]) and status = 'done'
            group by day having count(*) = ${BASE_ROLLUPS.length}) b
      cross join unnest(array[${DERIVED.map((r) => `'${r}'`).join(', ')}]) as r(name)
      on conflict (rollup, day) do nothing;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop aggregate if exists analytics_funnel_chain(smallint[]);`);
    this.addSql(`drop function if exists analytics_funnel_chain_step(smallint, smallint[]);`);
    this.addSql(
      `delete from analytics_rollup_ledger where rollup in (${DERIVED.map((r) => `'${r}'`).join(', ')});`,
    );
    for (const table of TABLES) this.addSql(`drop table if exists "${table}" cascade;`);
  }
}
