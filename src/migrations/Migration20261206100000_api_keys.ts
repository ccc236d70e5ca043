import { Migration } from '@mikro-orm/migrations';

/** API keys for reporting jobs (users module): a hash of each key, its scopes, creator and times. */
export class Migration20261206100000_api_keys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "api_keys" (
      "id" text not null,
      "name" text not null,
      "prefix" text not null,
      "key_hash" text not null,
      "scopes" text[] not null,
      "created_by_id" text null,
      "created_at" timestamptz not null default now(),
      "last_used_at" timestamptz null,
      "expires_at" timestamptz null,
      "revoked_at" timestamptz null,
      constraint "api_keys_pkey" primary key ("id"));`);
    this.addSql(`alter table "api_keys" add constraint "api_keys_key_hash_unique" unique ("key_hash");`);
    this
      .addSql(`alter table "api_keys" add constraint "api_keys_created_by_id_foreign" foreign key ("created_by_id")
      references "users" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "api_keys" cascade;`);
  }
}
