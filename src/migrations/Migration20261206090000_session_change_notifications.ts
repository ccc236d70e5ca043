import { Migration } from '@mikro-orm/migrations';

/**
 * Access tokens are checked against their login session (users module, `LoginSessions`), and each
 * instance remembers the answer. These triggers tell every instance, by `NOTIFY
 * auth_session_changes '<user id>'`, when one of a user's sessions may have ended — whatever made
 * the change (API, back office, plain SQL): a refresh-token family revoked or deleted, the user's
 * role or e-mail changed, the user deleted. Identical notifications of one transaction arrive once.
 */
export class Migration20261206090000_session_change_notifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function auth_notify_session_change() returns trigger language plpgsql as $$
      begin
        if TG_TABLE_NAME = 'users' then
          perform pg_notify('auth_session_changes', OLD.id);
        else
          perform pg_notify('auth_session_changes', OLD.user_id);
        end if;
        return null;
      end $$;`);
    this.addSql(`create trigger users_session_change after update of role, email on "users" for each row
      when (old.role is distinct from new.role or old.email is distinct from new.email)
      execute function auth_notify_session_change();`);
    this.addSql(`create trigger users_session_end after delete on "users" for each row
      execute function auth_notify_session_change();`);
    this
      .addSql(`create trigger auth_refresh_tokens_revoked after update of revoked_at on "auth_refresh_tokens"
      for each row when (old.revoked_at is null and new.revoked_at is not null)
      execute function auth_notify_session_change();`);
    this.addSql(`create trigger auth_refresh_tokens_deleted after delete on "auth_refresh_tokens"
      for each row when (old.revoked_at is null) execute function auth_notify_session_change();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists auth_refresh_tokens_deleted on "auth_refresh_tokens";`);
    this.addSql(`drop trigger if exists auth_refresh_tokens_revoked on "auth_refresh_tokens";`);
    this.addSql(`drop trigger if exists users_session_end on "users";`);
    this.addSql(`drop trigger if exists users_session_change on "users";`);
    this.addSql(`drop function if exists auth_notify_session_change();`);
  }
}
