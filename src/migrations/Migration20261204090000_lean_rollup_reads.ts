import { Migration } from '@mikro-orm/migrations';

/**
 * Two costs of the daily rollup's reading side:
 * - The login funnel of a session is folded by `analytics_funnel_steps(step - 1, step)`, whose
 *   transition is the built-in `array_replace` itself (what `analytics_funnel_step` called from
 *   PL/pgSQL): no function-call overhead per funnel event. `analytics_funnel` stays for existing SQL.
 * - `analytics_daily_content` keeps counts and sums only: distinct sessions and users per class
 *   cost the rollup its largest hash tables (an entry per session or user × class × action) and no
 *   report reads them; distinct learners per class over any range are in
 *   `analytics_daily_user_content` (a row per user × class × action and day).
 * - `analytics_daily_utm` (per UTM × session × user) gains the user's activity in the session, so
 *   the daily user activity adds those rows up instead of grouping the day's events once more.
 *   Rows rolled up before keep NULL there (their user activity is already stored).
 */
export class Migration20261204090000_lean_rollup_reads extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create aggregate analytics_funnel_steps(smallint, smallint) (sfunc = array_replace, stype = smallint[], initcond = '{0,1,2,3,4,5,6}');`,
    );
    this.addSql(
      `alter table "analytics_daily_content" drop column "unique_sessions", drop column "unique_users";`,
    );
    this.addSql(
      `alter table "analytics_daily_utm" add column "logged_in_events" int null, add column "registered" boolean null, add column "first_at" timestamptz null, add column "last_at" timestamptz null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "analytics_daily_utm" drop column "logged_in_events", drop column "registered", drop column "first_at", drop column "last_at";`,
    );
    for (const column of ['unique_sessions', 'unique_users']) {
      this.addSql(`alter table "analytics_daily_content" add column "${column}" int not null default 0;`);
      this.addSql(`alter table "analytics_daily_content" alter column "${column}" drop default;`);
    }
    this.addSql(`drop aggregate analytics_funnel_steps(smallint, smallint);`);
  }
}
