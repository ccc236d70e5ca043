import { Migration } from '@mikro-orm/migrations';

/**
 * Enrolments per course and UTC day (access module), kept by statement triggers on course_access:
 * the reports sum a few rows per course instead of counting every enrolment. The functions and
 * triggers: src/modules/access/sql/triggers/course-enrolment-days.sql (the same text). Filled from
 * course_access while writes to it wait.
 */
const ADD = `create or replace function course_enrolment_days_add(courses text[], days date[], deltas int[]) returns void
language plpgsql as $$
begin
  insert into course_enrolment_days (course_id, day, enrolled)
  select u.course_id, u.day, u.delta from unnest(courses, days, deltas) as u(course_id, day, delta)
  where u.delta > 0 order by u.course_id, u.day
  on conflict (course_id, day) do update set enrolled = course_enrolment_days.enrolled + excluded.enrolled;
  update course_enrolment_days e set enrolled = e.enrolled + u.delta
  from (select * from unnest(courses, days, deltas) as u(course_id, day, delta) where u.delta < 0 order by 1, 2) u
  where e.course_id = u.course_id and e.day = u.day;
end $$;`;

const ON_ACCESS = `create or replace function course_enrolment_days_on_access() returns trigger
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
end $$;`;

export class Migration20261207140000_course_enrolment_days extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "course_enrolment_days" (
      "course_id" text not null,
      "day" date not null,
      "enrolled" int not null,
      constraint "course_enrolment_days_pkey" primary key ("course_id", "day"));`);
    this.addSql(`alter table "course_enrolment_days" add constraint "course_enrolment_days_course_id_foreign"
      foreign key ("course_id") references "courses" ("id") on update cascade on delete cascade;`);
    this.addSql(
      `comment on table "course_enrolment_days" is 'Enrolments per course and UTC day of granted_at, kept by triggers on course_access (derived, read-only; may hold 0 after revocations).';`,
    );
    this.addSql(`comment on column "course_enrolment_days"."course_id" is 'The course (courses.id).';`);
    this.addSql(`comment on column "course_enrolment_days"."day" is 'UTC day the enrolments were granted.';`);
    this.addSql(
      `comment on column "course_enrolment_days"."enrolled" is 'course_access rows of the course granted that day.';`,
    );
    this.addSql(ADD);
    this.addSql(ON_ACCESS);
    this.addSql(`lock table "course_access" in share row exclusive mode;`);
    this
      .addSql(`create trigger course_enrolment_days_insert after insert on "course_access" referencing new table as new_rows
  for each statement execute function course_enrolment_days_on_access();`);
    this
      .addSql(`create trigger course_enrolment_days_update after update on "course_access" referencing old table as old_rows new table as new_rows
  for each statement execute function course_enrolment_days_on_access();`);
    this
      .addSql(`create trigger course_enrolment_days_delete after delete on "course_access" referencing old table as old_rows
  for each statement execute function course_enrolment_days_on_access();`);
    this.addSql(`create trigger course_enrolment_days_truncate after truncate on "course_access"
  for each statement execute function course_enrolment_days_on_access();`);
    this.addSql(`insert into course_enrolment_days (course_id, day, enrolled)
      select course_id, (granted_at at time zone 'UTC')::date, count(*)::int from course_access group by 1, 2;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists course_enrolment_days_truncate on "course_access";`);
    this.addSql(`drop trigger if exists course_enrolment_days_delete on "course_access";`);
    this.addSql(`drop trigger if exists course_enrolment_days_update on "course_access";`);
    this.addSql(`drop trigger if exists course_enrolment_days_insert on "course_access";`);
    this.addSql(`drop function if exists course_enrolment_days_on_access();`);
    this.addSql(`drop function if exists course_enrolment_days_add(text[], date[], int[]);`);
    this.addSql(`drop table if exists "course_enrolment_days" cascade;`);
  }
}
