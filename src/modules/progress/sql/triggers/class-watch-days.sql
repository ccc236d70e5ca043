-- Canonical definition: the per-class daily watch summary `class_watch_days`.
--
-- Rule: for every class and UTC day, `class_watch_days` holds how many `user_progress` rows of
-- the class were last watched that day (`last_watched_at`), the sum of their `watched_duration`
-- and how many of them are completed; no row for a class and day without any. The watch-time
-- report (progress/learning-stats.service.ts) sums days × classes instead of reading every
-- progress row of the window.
--
-- Why in the database: the summary must follow every write of progress, whoever makes it (API
-- heartbeats, back office, imports, plain SQL, cascades from users and classes). Statement-level
-- triggers with transition tables apply each statement's difference once (its old rows subtracted
-- from their class and day, its new rows added to theirs), in the same transaction. Concurrent
-- writers add to the same row through INSERT … ON CONFLICT DO UPDATE, which applies each
-- difference to the latest committed version of the row, and in (class_id, day) order, so two
-- statements cannot deadlock on these rows. There is no foreign key to classes: a deleted class's
-- progress rows go by cascade, and that delete statement empties the class's rows here.
--
-- Installed by: Migration20261207153000_class_watch_days (both functions and all four triggers;
-- none redefined since). A change here needs a new migration that installs the same text;
-- test/canonical-sql.e2e-spec.ts fails until both agree.

-- Adds differences (negative to subtract) to the classes' days; drops the days left without rows.
create or replace function class_watch_days_add(delta class_watch_days[]) returns void
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
end $$;

-- A write of progress rows: its new rows counted on their day, its old rows taken off theirs.
create or replace function class_watch_days_on_progress() returns trigger
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
end $$;

create trigger class_watch_days_insert after insert on "user_progress" referencing new table as new_rows
  for each statement execute function class_watch_days_on_progress();
create trigger class_watch_days_update after update on "user_progress" referencing old table as old_rows new table as new_rows
  for each statement execute function class_watch_days_on_progress();
create trigger class_watch_days_delete after delete on "user_progress" referencing old table as old_rows
  for each statement execute function class_watch_days_on_progress();
create trigger class_watch_days_truncate after truncate on "user_progress"
  for each statement execute function class_watch_days_on_progress();
