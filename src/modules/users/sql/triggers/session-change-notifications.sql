-- Canonical definition: the database tells every app instance when a user's sessions may have ended.
--
-- Rule: access tokens are checked against their login session, and each instance remembers the
-- answer (users/auth/login-sessions.ts). Whenever one of a user's sessions may have ended — a
-- refresh-token family revoked or deleted, the user's role or e-mail changed, the user deleted —
-- the database sends `NOTIFY auth_session_changes '<user id>'`, and every listening instance forgets
-- that user's sessions. Identical notifications of one transaction arrive once, at commit.
--
-- Why in the database: the change can come from any writer (API, back office, plain SQL), and the
-- notification must go out only if the change commits; a trigger is the one place that sees them all.
--
-- Installed by: Migration20261206090000_session_change_notifications (the function and the four
-- triggers; none redefined since). A change here needs a new migration that installs the same text;
-- test/canonical-sql.e2e-spec.ts fails until both agree.

create or replace function auth_notify_session_change() returns trigger language plpgsql as $$
      begin
        if TG_TABLE_NAME = 'users' then
          perform pg_notify('auth_session_changes', OLD.id);
        else
          perform pg_notify('auth_session_changes', OLD.user_id);
        end if;
        return null;
      end $$;

create trigger users_session_change after update of role, email on "users" for each row
  when (old.role is distinct from new.role or old.email is distinct from new.email)
  execute function auth_notify_session_change();
create trigger users_session_end after delete on "users" for each row
  execute function auth_notify_session_change();
create trigger auth_refresh_tokens_revoked after update of revoked_at on "auth_refresh_tokens"
  for each row when (old.revoked_at is null and new.revoked_at is not null)
  execute function auth_notify_session_change();
create trigger auth_refresh_tokens_deleted after delete on "auth_refresh_tokens"
  for each row when (old.revoked_at is null) execute function auth_notify_session_change();
