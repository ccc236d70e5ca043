import { Migration } from '@mikro-orm/migrations';

/** The audit log (security-relevant acts: back-office e-mail and role changes, deletions, refusals). */
export class Migration20261205100000_audit_events extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "audit_events" (
      "id" text not null,
      "at" timestamptz not null default now(),
      "actor_id" text null,
      "actor_email" text null,
      "action" text not null,
      "target_type" text null,
      "target_id" text null,
      "details" jsonb null,
      "ip" text null,
      constraint "audit_events_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_events_at_index" on "audit_events" ("at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audit_events";`);
  }
}
