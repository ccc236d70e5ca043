-- Canonical definition: `updated_at` is refreshed by every write.
--
-- Rule: the spec's "auto-updated" `updated_at` holds for every update of `users`, `courses` and
-- `report_subscriptions`. The ORM refreshes it for its own writes (infra/database/base-columns.ts,
-- `updatedAtColumn`); this trigger does it for writes that bypass the ORM (raw SQL, imports, the
-- back office). Shared by three modules' tables, so it lives with the database infrastructure.
--
-- Why in the database: only a trigger sees writes that do not go through the entities.
--
-- Installed by: Migration20261125143939_initial (the function and the `users` and `courses`
-- triggers) and Migration20261206110000_report_subscriptions (the `report_subscriptions` trigger);
-- none redefined since. A change here needs a new migration that installs the same text;
-- test/canonical-sql.e2e-spec.ts fails until both agree.

create or replace function set_updated_at() returns trigger language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end $$;

create trigger users_set_updated_at before update on "users" for each row execute function set_updated_at();
create trigger courses_set_updated_at before update on "courses" for each row execute function set_updated_at();
create trigger report_subscriptions_set_updated_at before update on "report_subscriptions" for each row execute function set_updated_at();
