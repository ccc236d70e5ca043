import { Migration } from '@mikro-orm/migrations';

/**
 * Rules the database enforces for every writer (API, back office, imports): a topic's course is its
 * module's course. Violations raise SQLSTATE 23514 (check_violation), which the API answers 422.
 */
export class Migration20261125160000_learning_rules extends Migration {
  override async up(): Promise<void> {
    this
      .addSql(`create or replace function topics_course_matches_module() returns trigger language plpgsql as $$
begin
  if new.module_id is not null and not exists (
    select 1 from modules m where m.id = new.module_id and m.course_id = new.course_id
  ) then
    raise exception 'topic % belongs to course % but its module % does not', new.id, new.course_id, new.module_id
      using errcode = '23514', constraint = 'topics_course_matches_module';
  end if;
  return new;
end $$;`);
    this
      .addSql(`create trigger topics_course_matches_module before insert or update of module_id, course_id on "topics"
      for each row execute function topics_course_matches_module();`);
    this
      .addSql(`create or replace function modules_keep_topics_course() returns trigger language plpgsql as $$
begin
  if new.course_id <> old.course_id and exists (select 1 from topics t where t.module_id = new.id) then
    raise exception 'module % has topics: it cannot move to another course', new.id
      using errcode = '23514', constraint = 'topics_course_matches_module';
  end if;
  return new;
end $$;`);
    this.addSql(`create trigger modules_keep_topics_course before update of course_id on "modules"
      for each row execute function modules_keep_topics_course();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists modules_keep_topics_course on "modules";`);
    this.addSql(`drop function if exists modules_keep_topics_course();`);
    this.addSql(`drop trigger if exists topics_course_matches_module on "topics";`);
    this.addSql(`drop function if exists topics_course_matches_module();`);
  }
}
