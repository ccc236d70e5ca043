-- Canonical definition: the catalog version `catalog_version`.
--
-- Rule: the one row of `catalog_version` gets a new random `version` in every transaction that
-- writes `courses`, `modules`, `topics` or `classes` (insert, update, delete, truncate, cascades),
-- visible exactly when those writes commit. The reports' outline index (courses/outline-index.ts)
-- is cached per process under the version it was read after, and every request reads the version
-- first: a cache entry is used only while the catalog is the one it was loaded from, whoever
-- changed it (this or another app instance, the back office, a migration, plain SQL).
--
-- Why in the database: only the database sees every writer. A random value rather than a counter:
-- a restored backup or a re-created table never brings back a version a process has cached for
-- another catalog.
--
-- BEFORE STATEMENT: a writer takes the row lock on `catalog_version` before it locks any catalog
-- row of its first catalog statement, so two catalog writers queue on it rather than deadlock on
-- each other's rows. Catalog writes are rare (authoring); they serialise on it until commit.
--
-- Installed by: Migration20261207130000_catalog_version (the function and the four triggers; none
-- redefined since). A change here needs a new migration that installs the same text;
-- test/canonical-sql.e2e-spec.ts fails until both agree.

create or replace function catalog_version_bump() returns trigger
language plpgsql as $$
begin
  update catalog_version set version = gen_random_uuid(), changed_at = now();
  return null;
end $$;
create trigger catalog_version_courses before insert or update or delete or truncate on "courses"
  for each statement execute function catalog_version_bump();
create trigger catalog_version_modules before insert or update or delete or truncate on "modules"
  for each statement execute function catalog_version_bump();
create trigger catalog_version_topics before insert or update or delete or truncate on "topics"
  for each statement execute function catalog_version_bump();
create trigger catalog_version_classes before insert or update or delete or truncate on "classes"
  for each statement execute function catalog_version_bump();
