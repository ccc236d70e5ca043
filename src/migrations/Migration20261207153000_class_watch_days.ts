import { Migration } from '@mikro-orm/migrations';

/**
 * Per class and UTC day (of `last_watched_at`): the progress rows, their watched seconds and
 * completions, for the watch-time report. Kept by statement-level triggers on user_progress that
 * add each statement's difference (canonical text and why: src/modules/progress/sql/triggers/class-watch-days.sql).
 */
const ADD = `create or replace function class_watch_days_add(delta class_watch_days[]) returns void
language plpgsql as $$
begin
  if coalesce(array_length(delta, 1), 0) = 0 then
    return;
  end if;
  insert into class_watch_days as w (class_id, day, learners, watched_seconds, completed)
  select d.class_id, d.day, sum(d.learners), sum(d.watched_seconds), sum(d.completed) from unnest(delta) d
  group by d.class_id, d.day
  having sum(d.learners) <> 0 or sum(d.watched_seconds) <> 0 or sum(d.completed) <> 0
  order by d.class_id, d.day
  on conflict (class_id, day) do update set learners = w.learners + excluded.learners,
    watched_seconds = w.watched_seconds + excluded.watched_seconds, completed = w.completed + excluded.completed;
  delete from class_watch_days w using unnest(delta) d
  where w.class_id = d.class_id and w.day = d.day and w.learners = 0;
end $$;`;

const ON_PROGRESS = `create or replace function class_watch_days_on_progress() returns trigger
language plpgsql as $$
begin
  if tg_op = 'TRUNCATE' then
    delete from class_watch_days;
  elsif tg_op = 'INSERT' then
    perform class_watch_days_add(array(
      select row(class_id, (last_watched_at at time zone 'UTC')::date, count(*)::int, sum(watched_duration),
        (count(*) filter (where is_completed))::int)::class_watch_days
      from new_rows group by class_id, (last_watched_at at time zone 'UTC')::date));
  elsif tg_op = 'DELETE' then
    perform class_watch_days_add(array(
      select row(class_id, (last_watched_at at time zone 'UTC')::date, -count(*)::int, -sum(watched_duration),
        -(count(*) filter (where is_completed))::int)::class_watch_days
      from old_rows group by class_id, (last_watched_at at time zone 'UTC')::date));
  else
    perform class_watch_days_add(array(
      select row(class_id, (last_watched_at at time zone 'UTC')::date, count(*)::int, sum(watched_duration),
        (count(*) filter (where is_completed))::int)::class_watch_days
      from new_rows group by class_id, (last_watched_at at time zone 'UTC')::date
      union all
      select row(class_id, (last_watched_at at time zone 'UTC')::date, -count(*)::int, -sum(watched_duration),
        -(count(*) filter (where is_completed))::int)::class_watch_days
      from old_rows group by class_id, (last_watched_at at time zone 'UTC')::date));
  end if;
  return null;
end $$;`;

const TRIGGERS = [
  `create trigger class_watch_days_insert after insert on "user_progress" referencing new table as new_rows
  for each statement execute function class_watch_days_on_progress();`,
  `create trigger class_watch_days_update after update on "user_progress" referencing old table as old_rows new table as new_rows
  for each statement execute function class_watch_days_on_progress();`,
  `create trigger class_watch_days_delete after delete on "user_progress" referencing old table as old_rows
  for each statement execute function class_watch_days_on_progress();`,
  `create trigger class_watch_days_truncate after truncate on "user_progress"
  for each statement execute function class_watch_days_on_progress();`,
];

export class Migration20261207153000_class_watch_days extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "class_watch_days" ("class_id" text not null, "day" date not null, "learners" int not null, "watched_seconds" bigint not null, "completed" int not null, constraint "class_watch_days_pkey" primary key ("class_id", "day"));`,
    );
    this.addSql(
      `comment on table "class_watch_days" is 'Per class and UTC day: the user_progress rows last watched that day, their watched seconds and completions, kept by triggers on user_progress (derived, read-only).';`,
    );
    this.addSql(`comment on column "class_watch_days"."class_id" is 'The class (classes.id).';`);
    this.addSql(`comment on column "class_watch_days"."day" is 'UTC day of last_watched_at.';`);
    this.addSql(
      `comment on column "class_watch_days"."learners" is 'Progress rows of the class last watched that day (one per learner).';`,
    );
    this.addSql(
      `comment on column "class_watch_days"."watched_seconds" is 'Sum of their watched_duration.';`,
    );
    this.addSql(`comment on column "class_watch_days"."completed" is 'How many of them are completed.';`);
    this.addSql(`create index "class_watch_days_day_index" on "class_watch_days" ("day");`);
    this.addSql(ADD);
    this.addSql(ON_PROGRESS);
    for (const trigger of TRIGGERS) this.addSql(trigger);
    // After the triggers: their creation locks user_progress against writes until this commits, so
    // the backfill and the triggers together see every row exactly once.
    this.addSql(
      `insert into class_watch_days (class_id, day, learners, watched_seconds, completed)
       select class_id, (last_watched_at at time zone 'UTC')::date, count(*), sum(watched_duration), count(*) filter (where is_completed)
       from user_progress group by 1, 2;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists class_watch_days_truncate on "user_progress";`);
    this.addSql(`drop trigger if exists class_watch_days_delete on "user_progress";`);
    this.addSql(`drop trigger if exists class_watch_days_update on "user_progress";`);
    this.addSql(`drop trigger if exists class_watch_days_insert on "user_progress";`);
    this.addSql(`drop function if exists class_watch_days_on_progress();`);
    this.addSql(`drop function if exists class_watch_days_add(class_watch_days[]);`);
    this.addSql(`drop table if exists "class_watch_days" cascade;`);
  }
}
