import { Migration } from '@mikro-orm/migrations';

/**
 * The catalog version (courses module): one row whose random `version` triggers replace in every
 * transaction that writes courses, modules, topics or classes, so the reports' outline index can be
 * cached per process and checked against the database with one cheap read per request. The function
 * and triggers: src/modules/courses/sql/triggers/catalog-version.sql (the same text).
 */
const BUMP = `create or replace function catalog_version_bump() returns trigger
language plpgsql as $$
begin
  update catalog_version set version = gen_random_uuid(), changed_at = now();
  return null;
end $$;`;

const TABLES = ['courses', 'modules', 'topics', 'classes'] as const;

export class Migration20261207130000_catalog_version extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "catalog_version" (
      "id" int not null,
      "version" uuid not null default gen_random_uuid(),
      "changed_at" timestamptz not null default now(),
      constraint "catalog_version_pkey" primary key ("id"));`);
    this.addSql(
      `comment on table "catalog_version" is 'One row: a random version replaced by triggers in every transaction that writes courses, modules, topics or classes (derived, read-only; the reports cache the outline under it).';`,
    );
    this.addSql(`comment on column "catalog_version"."id" is 'Always 1.';`);
    this.addSql(`comment on column "catalog_version"."version" is 'Replaced by every catalog write.';`);
    this.addSql(
      `comment on column "catalog_version"."changed_at" is 'When the catalog was last written (UTC).';`,
    );
    this.addSql(`insert into "catalog_version" ("id") values (1);`);
    this.addSql(BUMP);
    this
      .addSql(`create trigger catalog_version_courses before insert or update or delete or truncate on "courses"
      for each statement execute function catalog_version_bump();`);
    this
      .addSql(`create trigger catalog_version_modules before insert or update or delete or truncate on "modules"
      for each statement execute function catalog_version_bump();`);
    this
      .addSql(`create trigger catalog_version_topics before insert or update or delete or truncate on "topics"
      for each statement execute function catalog_version_bump();`);
    this
      .addSql(`create trigger catalog_version_classes before insert or update or delete or truncate on "classes"
      for each statement execute function catalog_version_bump();`);
  }

  override async down(): Promise<void> {
    for (const table of TABLES) this.addSql(`drop trigger if exists catalog_version_${table} on "${table}";`);
    this.addSql(`drop function if exists catalog_version_bump();`);
    this.addSql(`drop table if exists "catalog_version" cascade;`);
  }
}
