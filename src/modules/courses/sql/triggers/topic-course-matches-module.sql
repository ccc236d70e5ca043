-- Canonical definition: a topic's course is its module's course.
--
-- Rule: a topic that belongs to a module belongs to that module's course. A topic cannot be put in
-- (or moved to) a module of another course, and a module that has topics cannot move to another
-- course. A violation raises SQLSTATE 23514 (check_violation) naming the constraint
-- `topics_course_matches_module`, which the global error filter answers 422.
--
-- Why in the database: the rule spans two tables, so no CHECK constraint can hold it, and it must
-- hold for every writer (REST API, back office, imports, plain SQL), not just the entities' hooks.
--
-- Installed by: Migration20261125160000_learning_rules (both functions and both triggers; none
-- redefined since). A change here needs a new migration that installs the same text;
-- test/canonical-sql.e2e-spec.ts fails until both agree.

create or replace function topics_course_matches_module() returns trigger language plpgsql as $$
begin
  if new.module_id is not null and not exists (
    select 1 from modules m where m.id = new.module_id and m.course_id = new.course_id
  ) then
    raise exception 'topic % belongs to course % but its module % does not', new.id, new.course_id, new.module_id
      using errcode = '23514', constraint = 'topics_course_matches_module';
  end if;
  return new;
end $$;
create trigger topics_course_matches_module before insert or update of module_id, course_id on "topics"
  for each row execute function topics_course_matches_module();

create or replace function modules_keep_topics_course() returns trigger language plpgsql as $$
begin
  if new.course_id <> old.course_id and exists (select 1 from topics t where t.module_id = new.id) then
    raise exception 'module % has topics: it cannot move to another course', new.id
      using errcode = '23514', constraint = 'topics_course_matches_module';
  end if;
  return new;
end $$;
create trigger modules_keep_topics_course before update of course_id on "modules"
  for each row execute function modules_keep_topics_course();
