import { Migration } from '@mikro-orm/migrations';

/**
 * The three aggregates with the most rows per day lose their sequence-numbered `id`: a rollup of a
 * busy day writes hundreds of thousands of rows into them, and a sequence value per row plus an
 * index that nothing reads cost as much as computing the rows.
 * - `analytics_daily_user_content`, `analytics_daily_utm`: key (day, row_no), the day's rows numbered
 *   by the rollup; it also serves the reads and deletes by day, so the `day` indexes go (and the
 *   `user_id` one, which no query uses).
 * - `analytics_daily_chain_members`: its unique (metric, member, keys, day) becomes the key.
 */
export class Migration20261203090000_lean_rollup_keys extends Migration {
  override async up(): Promise<void> {
    for (const table of ['analytics_daily_user_content', 'analytics_daily_utm']) {
      this.addSql(`alter table "${table}" add column "row_no" int;`);
      this.addSql(
        `update "${table}" t set "row_no" = n.row_no
         from (select "id", row_number() over (partition by "day" order by "id") as row_no from "${table}") n
         where n."id" = t."id";`,
      );
      this.addSql(`alter table "${table}" alter column "row_no" set not null;`);
      this.addSql(`alter table "${table}" drop constraint "${table}_pkey";`);
      this.addSql(`alter table "${table}" drop column "id";`);
      this.addSql(`drop index "${table}_day_index";`);
      this.addSql(`alter table "${table}" add constraint "${table}_pkey" primary key ("day", "row_no");`);
    }
    this.addSql(`drop index "analytics_daily_user_content_user_id_index";`);

    this.addSql(
      `alter table "analytics_daily_chain_members" drop constraint "analytics_daily_chain_members_metric_member_keys_day_unique";`,
    );
    this.addSql(
      `alter table "analytics_daily_chain_members" drop constraint "analytics_daily_chain_members_pkey";`,
    );
    this.addSql(`alter table "analytics_daily_chain_members" drop column "id";`);
    this.addSql(
      `alter table "analytics_daily_chain_members" add constraint "analytics_daily_chain_members_pkey" primary key ("metric", "member", "keys", "day");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "analytics_daily_chain_members" drop constraint "analytics_daily_chain_members_pkey";`,
    );
    this.addSql(`alter table "analytics_daily_chain_members" add column "id" bigserial primary key;`);
    this.addSql(
      `alter table "analytics_daily_chain_members" add constraint "analytics_daily_chain_members_metric_member_keys_day_unique" unique ("metric", "member", "keys", "day");`,
    );

    this.addSql(
      `create index "analytics_daily_user_content_user_id_index" on "analytics_daily_user_content" ("user_id");`,
    );
    for (const table of ['analytics_daily_utm', 'analytics_daily_user_content']) {
      this.addSql(`alter table "${table}" drop constraint "${table}_pkey";`);
      this.addSql(`alter table "${table}" drop column "row_no";`);
      this.addSql(`alter table "${table}" add column "id" bigserial primary key;`);
      this.addSql(`create index "${table}_day_index" on "${table}" ("day");`);
    }
  }
}
