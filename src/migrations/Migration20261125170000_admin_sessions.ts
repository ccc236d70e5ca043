import { Migration } from '@mikro-orm/migrations';

export class Migration20261125170000_admin_sessions extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "admin_sessions" ("sid" text not null, "sess" jsonb not null, "expire" timestamptz not null, constraint "admin_sessions_pkey" primary key ("sid"));`,
    );
    this.addSql(`create index "admin_sessions_expire_index" on "admin_sessions" ("expire");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "admin_sessions" cascade;`);
  }
}
