-- Canonical definition: the enrolment counts per course and UTC day `course_enrolment_days`.
--
-- Rule: for every course and UTC day of `granted_at`, `course_enrolment_days.enrolled` is the number
-- of `course_access` rows of that course granted that day (rows may stay at 0 after revocations).
-- The app never writes the table; reports read it instead of counting every enrolment: the
-- enrolments up to a day (contest participation) or within a range (completion rates) are a sum
-- over courses × days.
--
-- Why in the database: the counts must follow every enrolment write, whoever makes it (API, back
-- office, imports, plain SQL, the cascades of a user or course delete). Statement-level triggers
-- with transition tables apply one delta per course and day per statement, in the same
-- transaction. Additions upsert; removals only update (a course being deleted has its rows removed
-- by the cascade, and no row may be inserted for it). Rows are written in (course_id, day) order, so
-- two single-statement writers lock shared rows in the same order.
--
-- Installed by: Migration20261207140000_course_enrolment_days (both functions and the four
-- triggers; none redefined since). A change here needs a new migration that installs the same
-- text; test/canonical-sql.e2e-spec.ts fails until both agree.

create or replace function course_enrolment_days_add(courses text[], days date[], deltas int[]) returns void
language plpgsql as $$
begin
  insert into course_enrolment_days (course_id, day, enrolled)
  select u.course_id, u.day, u.delta from unnest(courses, days, deltas) as u(course_id, day, delta)
  where u.delta > 0 order by u.course_id, u.day
  on conflict (course_id, day) do update set enrolled = course_enrolment_days.enrolled + excluded.enrolled;
  update course_enrolment_days e set enrolled = e.enrolled + u.delta
  from (select * from unnest(courses, days, deltas) as u(course_id, day, delta) where u.delta < 0 order by 1, 2) u
  where e.course_id = u.course_id and e.day = u.day;
end $$;

create or replace function course_enrolment_days_on_access() returns trigger
language plpgsql as $$
declare
  courses text[];
  days date[];
  deltas int[];
begin
  if tg_op = 'TRUNCATE' then
    delete from course_enrolment_days;
    return null;
  elsif tg_op = 'INSERT' then
    select array_agg(course_id), array_agg(day), array_agg(n) into courses, days, deltas from (
      select course_id, (granted_at at time zone 'UTC')::date as day, count(*)::int as n from new_rows group by 1, 2) d;
  elsif tg_op = 'DELETE' then
    select array_agg(course_id), array_agg(day), array_agg(n) into courses, days, deltas from (
      select course_id, (granted_at at time zone 'UTC')::date as day, -count(*)::int as n from old_rows group by 1, 2) d;
  else
    select array_agg(course_id), array_agg(day), array_agg(n) into courses, days, deltas from (
      select course_id, day, sum(n)::int as n from (
        select course_id, (granted_at at time zone 'UTC')::date as day, 1 as n from new_rows
        union all
        select course_id, (granted_at at time zone 'UTC')::date, -1 from old_rows) c
      group by 1, 2 having sum(n) <> 0) d;
  end if;
  if courses is not null then
    perform course_enrolment_days_add(courses, days, deltas);
  end if;
  return null;
end $$;
create trigger course_enrolment_days_insert after insert on "course_access" referencing new table as new_rows
  for each statement execute function course_enrolment_days_on_access();
create trigger course_enrolment_days_update after update on "course_access" referencing old table as old_rows new table as new_rows
  for each statement execute function course_enrolment_days_on_access();
create trigger course_enrolment_days_delete after delete on "course_access" referencing old table as old_rows
  for each statement execute function course_enrolment_days_on_access();
create trigger course_enrolment_days_truncate after truncate on "course_access"
  for each statement execute function course_enrolment_days_on_access();
