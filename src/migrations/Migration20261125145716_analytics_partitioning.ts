import { Migration } from '@mikro-orm/migrations';

const EVENT_COLUMNS = `"id" text not null, "user_id" text null, "session_id" text null, "event_type" text not null, "event_action" text null, "button_name" text null, "page" text null, "destination" text null, "course_id" text null, "class_id" text null, "utm_source" text null, "utm_medium" text null, "utm_campaign" text null, "utm_term" text null, "utm_content" text null, "platform" text null default 'web', "is_logged_in" boolean not null default false, "user_email" text null, "custom_data" jsonb null, "timestamp" timestamptz not null default now(), "created_at" timestamptz not null default now()`;

const OLD_INDEX_COLUMNS: [string, string][] = [
  ['analytics_events_user_id_index', '"user_id"'],
  ['analytics_events_event_type_index', '"event_type"'],
  ['analytics_events_event_action_index', '"event_action"'],
  ['analytics_events_timestamp_index', '"timestamp"'],
  ['analytics_events_utm_source_utm_medium_utm_campaign_index', '"utm_source", "utm_medium", "utm_campaign"'],
];
const OLD_INDEXES = OLD_INDEX_COLUMNS.map(([name]) => name);

/**
 * Creates the partition of one UTC day if it does not exist. Events of that day that reached the
 * default partition first (no partition yet) are moved into the new partition before it is
 * attached, since PostgreSQL refuses a partition whose rows sit in the default one. Returns
 * whether it created the partition.
 */
/**
 * Login funnel, strictly in order, as an aggregate over a session's funnel steps (1-7) sorted by
 * time. The state holds, for each number of steps k = 0…6 done before, the step reached so far;
 * an event of step s advances every entry that stands at s − 1. Entry 1 (k = 0) is the session's
 * funnel from scratch; keeping all seven lets a session's days be chained (rollup-sql.ts).
 */
const FUNNEL_STEP_FUNCTION = `create or replace function analytics_funnel_step(state smallint[], step smallint) returns smallint[]
language plpgsql immutable strict as $$
begin
  for i in 1..7 loop
    if state[i] = step - 1 then
      state[i] := step;
    end if;
  end loop;
  return state;
end $$;`;

const ENSURE_PARTITION_FUNCTION = `create or replace function analytics_events_ensure_partition(d date) returns boolean
language plpgsql as $$
declare
  part text := 'analytics_events_p' || to_char(d, 'YYYYMMDD');
  lo timestamptz := d::timestamp at time zone 'UTC';
  hi timestamptz := (d + 1)::timestamp at time zone 'UTC';
begin
  if to_regclass(part) is not null then
    return false;
  end if;
  if exists (select 1 from analytics_events_default where "timestamp" >= lo and "timestamp" < hi) then
    execute format('create table %I (like analytics_events including defaults)', part);
    execute format('with moved as (delete from analytics_events_default where "timestamp" >= $1 and "timestamp" < $2 returning *) insert into %I select * from moved', part) using lo, hi;
    execute format('alter table analytics_events attach partition %I for values from (%L) to (%L)', part, lo, hi);
  else
    execute format('create table %I partition of analytics_events for values from (%L) to (%L)', part, lo, hi);
  end if;
  return true;
end $$;`;

export class Migration20261125145716_analytics_partitioning extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "analytics_event_ids" ("id" text not null, "received_at" timestamptz not null default now(), constraint "analytics_event_ids_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "analytics_event_ids_received_at_index" on "analytics_event_ids" ("received_at");`,
    );

    this.addSql(
      `create table "analytics_daily_content" ("id" bigserial primary key, "day" date not null, "course_id" text null, "class_id" text null, "event_type" text not null, "event_action" text null, "milestone" smallint null, "events" int not null, "unique_users" int not null, "unique_sessions" int not null, "watch_seconds" bigint not null);`,
    );
    this.addSql(`create index "analytics_daily_content_day_index" on "analytics_daily_content" ("day");`);

    this.addSql(
      `create table "analytics_daily_events" ("id" bigserial primary key, "day" date not null, "event_type" text not null, "event_action" text null, "platform" text null, "events" int not null, "unique_users" int not null, "unique_sessions" int not null, "anonymous_events" int not null, "logged_in_events" int not null);`,
    );
    this.addSql(`create index "analytics_daily_events_day_index" on "analytics_daily_events" ("day");`);

    this.addSql(
      `create table "analytics_daily_login_funnel" ("day" date not null, "step" smallint not null, "sessions" int not null, constraint "analytics_daily_login_funnel_pkey" primary key ("day", "step"));`,
    );

    this.addSql(
      `create table "analytics_daily_pages" ("id" bigserial primary key, "day" date not null, "page" text not null, "page_views" int not null, "unique_sessions" int not null, "unique_users" int not null, "landings" int not null, "bounces" int not null);`,
    );
    this.addSql(`create index "analytics_daily_pages_day_index" on "analytics_daily_pages" ("day");`);

    this.addSql(
      `create table "analytics_daily_sessions" ("day" date not null, "session_id" text not null, "user_id" text null, "platform" text null, "first_at" timestamptz not null, "last_at" timestamptz not null, "events" int not null, "page_views" int not null, "landing_page" text null, "utm_source" text null, "utm_medium" text null, "utm_campaign" text null, "logged_in" boolean not null, "funnel" smallint[] not null, constraint "analytics_daily_sessions_pkey" primary key ("day", "session_id"));`,
    );

    this.addSql(
      `create table "analytics_daily_user_activity" ("day" date not null, "user_id" text not null, "events" int not null, "logged_in_events" int not null, "sessions" int not null, "page_views" int not null, "logins" int not null, "registered" boolean not null, "first_at" timestamptz not null, "last_at" timestamptz not null, constraint "analytics_daily_user_activity_pkey" primary key ("day", "user_id"));`,
    );
    this.addSql(
      `create index "analytics_daily_user_activity_user_id_index" on "analytics_daily_user_activity" ("user_id");`,
    );

    this.addSql(
      `create table "analytics_daily_user_content" ("id" bigserial primary key, "day" date not null, "user_id" text not null, "course_id" text null, "module_id" text null, "class_id" text null, "event_type" text not null, "event_action" text null, "events" int not null, "first_at" timestamptz not null, "last_at" timestamptz not null, "watch_seconds" bigint not null, "max_milestone" smallint null);`,
    );
    this.addSql(
      `create index "analytics_daily_user_content_user_id_index" on "analytics_daily_user_content" ("user_id");`,
    );
    this.addSql(
      `create index "analytics_daily_user_content_day_index" on "analytics_daily_user_content" ("day");`,
    );

    this.addSql(
      `create table "analytics_daily_utm" ("id" bigserial primary key, "day" date not null, "utm_source" text null, "utm_medium" text null, "utm_campaign" text null, "session_id" text null, "user_id" text null, "events" int not null, "page_views" int not null, "logins" int not null);`,
    );
    this.addSql(`create index "analytics_daily_utm_day_index" on "analytics_daily_utm" ("day");`);

    this.addSql(
      `create table "analytics_rollup_ledger" ("rollup" text not null, "day" date not null, "status" text not null, "rows" int not null, "source_events" bigint not null, "started_at" timestamptz not null, "finished_at" timestamptz not null, "error" text null, constraint "analytics_rollup_ledger_pkey" primary key ("rollup", "day"));`,
    );

    this.partitionEvents();
    this.addSql(FUNNEL_STEP_FUNCTION);
    this.addSql(
      `create aggregate analytics_funnel(smallint) (sfunc = analytics_funnel_step, stype = smallint[], initcond = '{0,1,2,3,4,5,6}');`,
    );
  }

  /**
   * Hand-written (MikroORM cannot express partitioning): `analytics_events` becomes a table
   * range-partitioned by UTC day on `timestamp`, with primary key (id, timestamp), a partition per
   * day from the oldest existing event (or the 90-day retention window) to a week ahead, and a
   * default partition that stays empty in normal operation. The app creates later partitions and
   * drops old ones (AnalyticsPartitions); both use `analytics_events_ensure_partition`.
   */
  private partitionEvents(): void {
    this.addSql(`alter table "analytics_events" rename to "analytics_events_unpartitioned";`);
    for (const index of OLD_INDEXES) this.addSql(`drop index "${index}";`);
    this.addSql(`alter table "analytics_events_unpartitioned" drop constraint "analytics_events_pkey";`);
    this.addSql(
      `create table "analytics_events" (${EVENT_COLUMNS}, constraint "analytics_events_pkey" primary key ("id", "timestamp")) partition by range ("timestamp");`,
    );
    this.addSql(`create table "analytics_events_default" partition of "analytics_events" default;`);
    this.addSql(ENSURE_PARTITION_FUNCTION);
    this.addSql(`select analytics_events_ensure_partition(d::date)
      from generate_series(
        least((select min("timestamp") at time zone 'UTC' from "analytics_events_unpartitioned"), (now() at time zone 'UTC') - interval '90 days')::date::timestamp,
        ((now() at time zone 'UTC') + interval '7 days')::date::timestamp,
        interval '1 day') as d;`);
    this.addSql(`insert into "analytics_events" select * from "analytics_events_unpartitioned";`);
    this.addSql(`drop table "analytics_events_unpartitioned";`);
    // Indexes on the parent are created on every partition, present and future.
    for (const [index, columns] of [
      ...OLD_INDEX_COLUMNS,
      ['analytics_events_session_id_index', '"session_id"'],
    ]) {
      this.addSql(`create index "${index}" on "analytics_events" (${columns});`);
    }
  }

  override async down(): Promise<void> {
    this.addSql(`drop aggregate if exists analytics_funnel(smallint);`);
    this.addSql(`drop function if exists analytics_funnel_step(smallint[], smallint);`);
    this.addSql(`drop table if exists "analytics_event_ids" cascade;`);

    this.addSql(`drop table if exists "analytics_daily_content" cascade;`);

    this.addSql(`drop table if exists "analytics_daily_events" cascade;`);

    this.addSql(`drop table if exists "analytics_daily_login_funnel" cascade;`);

    this.addSql(`drop table if exists "analytics_daily_pages" cascade;`);

    this.addSql(`drop table if exists "analytics_daily_sessions" cascade;`);

    this.addSql(`drop table if exists "analytics_daily_user_activity" cascade;`);

    this.addSql(`drop table if exists "analytics_daily_user_content" cascade;`);

    this.addSql(`drop table if exists "analytics_daily_utm" cascade;`);

    this.addSql(`drop table if exists "analytics_rollup_ledger" cascade;`);

    // Back to one plain table keyed by id (an id stored twice with different timestamps keeps its
    // earliest row).
    this.addSql(`create table "analytics_events_unpartitioned" (${EVENT_COLUMNS});`);
    this.addSql(`insert into "analytics_events_unpartitioned"
      select distinct on ("id") * from "analytics_events" order by "id", "timestamp";`);
    this.addSql(`drop table "analytics_events" cascade;`);
    this.addSql(`drop function if exists analytics_events_ensure_partition(date);`);
    this.addSql(`alter table "analytics_events_unpartitioned" rename to "analytics_events";`);
    this.addSql(`alter table "analytics_events" add constraint "analytics_events_pkey" primary key ("id");`);
    for (const [index, columns] of OLD_INDEX_COLUMNS) {
      this.addSql(`create index "${index}" on "analytics_events" (${columns});`);
    }
  }
}
