import { Migration } from '@mikro-orm/migrations';

/** Date-range lookups of the reports on the learning tables (registrations, enrolments, activity, completions). */
export class Migration20261202110000_reporting_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "users_created_at_index" on "users" ("created_at");`);
    this.addSql(`create index "course_access_granted_at_index" on "course_access" ("granted_at");`);
    this.addSql(`create index "user_progress_last_watched_at_index" on "user_progress" ("last_watched_at");`);
    this.addSql(`create index "user_progress_completed_at_index" on "user_progress" ("completed_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "user_progress_completed_at_index";`);
    this.addSql(`drop index if exists "user_progress_last_watched_at_index";`);
    this.addSql(`drop index if exists "course_access_granted_at_index";`);
    this.addSql(`drop index if exists "users_created_at_index";`);
  }
}
