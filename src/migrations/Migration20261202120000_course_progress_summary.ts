import { Migration } from '@mikro-orm/migrations';

/**
 * Recomputes the course summaries of these learners from their progress rows and the current
 * course tree. Serialised per learner, so concurrent heartbeats of one learner never leave a stale
 * summary: transaction-scoped advisory locks on 64 buckets of learners (a bulk write of thousands
 * of learners takes 64 locks, not thousands), in a fixed order so two writers cannot deadlock.
 */
const REFRESH = `create or replace function user_course_progress_refresh(learners text[]) returns void
language plpgsql as $$
declare
  bucket int;
begin
  if coalesce(array_length(learners, 1), 0) = 0 then
    return;
  end if;
  foreach bucket in array (select array_agg(distinct abs(hashtext(l)) % 64 order by abs(hashtext(l)) % 64) from unnest(learners) l) loop
    perform pg_advisory_xact_lock(7240064, bucket);
  end loop;
  delete from user_course_progress where user_id = any(learners);
  insert into user_course_progress (user_id, course_id, started_classes, completed_classes, last_activity_at, last_class_id, last_completed_at)
  select up.user_id, t.course_id, count(*), count(*) filter (where up.is_completed), max(up.last_watched_at),
    (array_agg(up.class_id order by up.last_watched_at desc, up.class_id desc))[1], max(up.completed_at)
  from user_progress up join classes k on k.id = up.class_id join topics t on t.id = k.topic_id
  where up.user_id = any(learners)
  group by up.user_id, t.course_id;
end $$;`;

/** Statement-level: one refresh per statement, however many rows it writes (bulk imports, cascades). */
const ON_PROGRESS = `create or replace function user_course_progress_on_progress() returns trigger
language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform user_course_progress_refresh(array(select distinct user_id from new_rows));
  elsif tg_op = 'DELETE' then
    perform user_course_progress_refresh(array(select distinct user_id from old_rows));
  else
    perform user_course_progress_refresh(array(select user_id from new_rows union select user_id from old_rows));
  end if;
  return null;
end $$;`;

/** A class moved to another topic, or a topic to another course: its learners' summaries change. */
const ON_TREE = `create or replace function user_course_progress_on_tree() returns trigger
language plpgsql as $$
begin
  if tg_table_name = 'classes' then
    perform user_course_progress_refresh(array(select distinct up.user_id from user_progress up
      where up.class_id in (select n.id from new_rows n join old_rows o on o.id = n.id where n.topic_id is distinct from o.topic_id)));
  else
    perform user_course_progress_refresh(array(select distinct up.user_id from user_progress up join classes k on k.id = up.class_id
      where k.topic_id in (select n.id from new_rows n join old_rows o on o.id = n.id where n.course_id is distinct from o.course_id)));
  end if;
  return null;
end $$;`;

export class Migration20261202120000_course_progress_summary extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "user_course_progress" ("user_id" text not null, "course_id" text not null, "started_classes" int not null, "completed_classes" int not null, "last_activity_at" timestamptz not null, "last_class_id" text not null, "last_completed_at" timestamptz null, constraint "user_course_progress_pkey" primary key ("user_id", "course_id"));`,
    );
    this.addSql(
      `create index "user_course_progress_last_activity_at_index" on "user_course_progress" ("last_activity_at");`,
    );
    this.addSql(
      `create index "user_course_progress_last_completed_at_index" on "user_course_progress" ("last_completed_at");`,
    );
    this.addSql(
      `alter table "user_course_progress" add constraint "user_course_progress_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "user_course_progress" add constraint "user_course_progress_course_id_foreign" foreign key ("course_id") references "courses" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(REFRESH);
    this.addSql(ON_PROGRESS);
    this.addSql(ON_TREE);
    this
      .addSql(`create trigger user_course_progress_insert after insert on "user_progress" referencing new table as new_rows
      for each statement execute function user_course_progress_on_progress();`);
    this
      .addSql(`create trigger user_course_progress_update after update on "user_progress" referencing old table as old_rows new table as new_rows
      for each statement execute function user_course_progress_on_progress();`);
    this
      .addSql(`create trigger user_course_progress_delete after delete on "user_progress" referencing old table as old_rows
      for each statement execute function user_course_progress_on_progress();`);
    // (Transition tables cannot go with `update of <column>`: the functions compare old and new rows.)
    this
      .addSql(`create trigger user_course_progress_class_moved after update on "classes" referencing old table as old_rows new table as new_rows
      for each statement execute function user_course_progress_on_tree();`);
    this
      .addSql(`create trigger user_course_progress_topic_moved after update on "topics" referencing old table as old_rows new table as new_rows
      for each statement execute function user_course_progress_on_tree();`);
    this.addSql(`select user_course_progress_refresh(array(select distinct user_id from user_progress));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists user_course_progress_topic_moved on "topics";`);
    this.addSql(`drop trigger if exists user_course_progress_class_moved on "classes";`);
    this.addSql(`drop trigger if exists user_course_progress_delete on "user_progress";`);
    this.addSql(`drop trigger if exists user_course_progress_update on "user_progress";`);
    this.addSql(`drop trigger if exists user_course_progress_insert on "user_progress";`);
    this.addSql(`drop function if exists user_course_progress_on_tree();`);
    this.addSql(`drop function if exists user_course_progress_on_progress();`);
    this.addSql(`drop function if exists user_course_progress_refresh(text[]);`);
    this.addSql(`drop table if exists "user_course_progress" cascade;`);
  }
}
