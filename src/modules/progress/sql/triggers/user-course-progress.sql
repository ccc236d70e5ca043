-- Canonical definition: the per-course progress summary `user_course_progress`.
--
-- Rule: for every learner and course they have progress in, `user_course_progress` holds the summary
-- of their `user_progress` rows over the course's *current* classes (classes started and completed,
-- last activity, last class, last completion). The app never writes the table; the reports and the
-- learning stats read it (progress/learning-stats.service.ts) instead of every class row.
--
-- Why in the database: the summary must follow every write of progress or of the course tree,
-- whoever makes it (API, back office, imports, plain SQL, cascades). Statement-level triggers with
-- transition tables recompute it once per statement, however many rows it writes, in the same
-- transaction.
--
-- Advisory lock 7240064: `user_course_progress_refresh` takes the transaction-scoped lock
-- (7240064, bucket) for each of 64 buckets of learners (abs(hashtext(user_id)) % 64) it refreshes,
-- in ascending bucket order. It serialises refreshes of the same learner, so two concurrent
-- heartbeats of one learner cannot each recompute from a snapshot missing the other's rows (a
-- stale summary, or a collision on its primary key). A bulk write of thousands of learners takes
-- at most 64 locks, and the fixed order means two writers cannot deadlock on them. No other code
-- takes two-key advisory locks with first key 7240064 (single-key locks are another key space).
--
-- Installed by: Migration20261202120000_course_progress_summary (all three functions and all five
-- triggers; none redefined since). A change here needs a new migration that installs the same text;
-- test/canonical-sql.e2e-spec.ts fails until both agree.

create or replace function user_course_progress_refresh(learners text[]) returns void
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
end $$;

-- A write of progress rows: refresh the learners it touched (old and new rows of an update).
create or replace function user_course_progress_on_progress() returns trigger
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
end $$;

-- A class moved to another topic, or a topic to another course: its learners' summaries change.
create or replace function user_course_progress_on_tree() returns trigger
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
end $$;

create trigger user_course_progress_insert after insert on "user_progress" referencing new table as new_rows
  for each statement execute function user_course_progress_on_progress();
create trigger user_course_progress_update after update on "user_progress" referencing old table as old_rows new table as new_rows
  for each statement execute function user_course_progress_on_progress();
create trigger user_course_progress_delete after delete on "user_progress" referencing old table as old_rows
  for each statement execute function user_course_progress_on_progress();
-- (Transition tables cannot go with `update of <column>`: the functions compare old and new rows.)
create trigger user_course_progress_class_moved after update on "classes" referencing old table as old_rows new table as new_rows
  for each statement execute function user_course_progress_on_tree();
create trigger user_course_progress_topic_moved after update on "topics" referencing old table as old_rows new table as new_rows
  for each statement execute function user_course_progress_on_tree();
