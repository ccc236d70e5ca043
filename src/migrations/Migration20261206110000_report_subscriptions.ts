import { Migration } from '@mikro-orm/migrations';

/** Scheduled report delivery (analytics module): subscriptions and a record of every attempt. */
export class Migration20261206110000_report_subscriptions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "report_subscriptions" (
      "id" text not null,
      "name" text not null,
      "report" text not null,
      "filters" jsonb not null default '{}',
      "range" text not null,
      "schedule" text not null,
      "recipients" text[] not null,
      "enabled" boolean not null default true,
      "next_run_at" timestamptz null,
      "failures" int not null default 0,
      "created_by_id" text null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "report_subscriptions_pkey" primary key ("id"));`);
    this.addSql(
      `create index "report_subscriptions_next_run_at_index" on "report_subscriptions" ("next_run_at");`,
    );
    this
      .addSql(`alter table "report_subscriptions" add constraint "report_subscriptions_created_by_id_foreign"
      foreign key ("created_by_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(
      `create trigger report_subscriptions_set_updated_at before update on "report_subscriptions" for each row execute function set_updated_at();`,
    );
    this.addSql(`create table "report_deliveries" (
      "id" text not null,
      "subscription_id" text not null,
      "scheduled_for" timestamptz not null,
      "attempted_at" timestamptz not null,
      "status" text not null,
      "range_from" date null,
      "range_to" date null,
      "rows" int null,
      "recipients" text[] not null,
      "error" text null,
      constraint "report_deliveries_pkey" primary key ("id"));`);
    this.addSql(
      `create index "report_deliveries_subscription_id_index" on "report_deliveries" ("subscription_id");`,
    );
    this.addSql(
      `create index "report_deliveries_attempted_at_index" on "report_deliveries" ("attempted_at");`,
    );
    this.addSql(`alter table "report_deliveries" add constraint "report_deliveries_subscription_id_foreign"
      foreign key ("subscription_id") references "report_subscriptions" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "report_deliveries" cascade;`);
    this.addSql(`drop table if exists "report_subscriptions" cascade;`);
  }
}
