import { Migration } from '@mikro-orm/migrations';

export class Migration20261125145317_identity extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "auth_otp_codes" ("email" text not null, "code_hash" text not null, "attempts" int not null default 0, "expires_at" timestamptz not null, "created_at" timestamptz not null default now(), constraint "auth_otp_codes_pkey" primary key ("email"));`,
    );

    this.addSql(
      `create table "rate_limit_counters" ("key" text not null, "window_start" timestamptz not null, "hits" int not null, "expires_at" timestamptz not null, constraint "rate_limit_counters_pkey" primary key ("key", "window_start"));`,
    );
    this.addSql(
      `create index "rate_limit_counters_expires_at_index" on "rate_limit_counters" ("expires_at");`,
    );

    this.addSql(
      `create table "auth_refresh_tokens" ("id" text not null, "user_id" text not null, "family" text not null, "secret_hash" text not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "revoked_at" timestamptz null, "created_at" timestamptz not null default now(), constraint "auth_refresh_tokens_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "auth_refresh_tokens_user_id_index" on "auth_refresh_tokens" ("user_id");`);
    this.addSql(`create index "auth_refresh_tokens_family_index" on "auth_refresh_tokens" ("family");`);
    this.addSql(
      `create index "auth_refresh_tokens_expires_at_index" on "auth_refresh_tokens" ("expires_at");`,
    );

    this.addSql(
      `alter table "auth_refresh_tokens" add constraint "auth_refresh_tokens_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "users" add column "role" text not null default 'student', add column "password_hash" text null;`,
    );
    this.addSql(
      `alter table "users" add constraint users_role_check check(role = ANY (ARRAY['student'::text, 'staff'::text, 'admin'::text]));`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "auth_otp_codes" cascade;`);

    this.addSql(`drop table if exists "rate_limit_counters" cascade;`);

    this.addSql(`drop table if exists "auth_refresh_tokens" cascade;`);

    this.addSql(`alter table "users" drop constraint users_role_check;`);
    this.addSql(`alter table "users" drop column "role", drop column "password_hash";`);
  }
}
