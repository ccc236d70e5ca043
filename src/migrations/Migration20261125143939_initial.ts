import { Migration } from '@mikro-orm/migrations';

export class Migration20261125143939_initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "analytics_events" ("id" text not null, "user_id" text null, "session_id" text null, "event_type" text not null, "event_action" text null, "button_name" text null, "page" text null, "destination" text null, "course_id" text null, "class_id" text null, "utm_source" text null, "utm_medium" text null, "utm_campaign" text null, "utm_term" text null, "utm_content" text null, "platform" text null default 'web', "is_logged_in" boolean not null default false, "user_email" text null, "custom_data" jsonb null, "timestamp" timestamptz not null default now(), "created_at" timestamptz not null default now(), constraint "analytics_events_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "analytics_events_user_id_index" on "analytics_events" ("user_id");`);
    this.addSql(`create index "analytics_events_event_type_index" on "analytics_events" ("event_type");`);
    this.addSql(`create index "analytics_events_event_action_index" on "analytics_events" ("event_action");`);
    this.addSql(`create index "analytics_events_timestamp_index" on "analytics_events" ("timestamp");`);
    this.addSql(
      `create index "analytics_events_utm_source_utm_medium_utm_campaign_index" on "analytics_events" ("utm_source", "utm_medium", "utm_campaign");`,
    );

    this.addSql(
      `create table "courses" ("id" text not null, "title" text not null, "description" text not null, "thumbnail" text null, "instructor" text null, "duration" int not null, "level" text not null, "type" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "courses_pkey" primary key ("id"));`,
    );

    this.addSql(
      `create table "modules" ("id" text not null, "course_id" text not null, "title" text not null, "description" text not null, "order" int not null, "learning_outcomes" text[] not null default '{}', constraint "modules_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "modules_course_id_index" on "modules" ("course_id");`);

    this.addSql(
      `create table "topics" ("id" text not null, "module_id" text null, "course_id" text not null, "title" text not null, "order" int not null, constraint "topics_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "topics_module_id_index" on "topics" ("module_id");`);
    this.addSql(`create index "topics_course_id_index" on "topics" ("course_id");`);

    this.addSql(
      `create table "classes" ("id" text not null, "topic_id" text not null, "title" text not null, "description" text null, "content_type" text null default 'video', "video_url" text null, "text_content" text null, "contest_url" text null, "duration" int not null, "order" int not null, constraint "classes_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "classes_topic_id_index" on "classes" ("topic_id");`);

    this.addSql(
      `create table "users" ("id" text not null, "email" text not null, "name" text null, "email_verified" timestamptz null, "image" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "users_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(
      `create table "course_access" ("id" text not null, "user_id" text not null, "course_id" text not null, "granted_at" timestamptz not null default now(), constraint "course_access_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "course_access_course_id_index" on "course_access" ("course_id");`);
    this.addSql(
      `alter table "course_access" add constraint "course_access_user_id_course_id_unique" unique ("user_id", "course_id");`,
    );

    this.addSql(
      `create table "user_progress" ("id" text not null, "user_id" text not null, "class_id" text not null, "watched_duration" int not null, "last_position" int null, "is_completed" boolean not null default false, "last_watched_at" timestamptz not null default now(), "completed_at" timestamptz null, constraint "user_progress_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "user_progress_class_id_index" on "user_progress" ("class_id");`);
    this.addSql(
      `alter table "user_progress" add constraint "user_progress_user_id_class_id_unique" unique ("user_id", "class_id");`,
    );

    this.addSql(
      `alter table "modules" add constraint "modules_course_id_foreign" foreign key ("course_id") references "courses" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "topics" add constraint "topics_module_id_foreign" foreign key ("module_id") references "modules" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "topics" add constraint "topics_course_id_foreign" foreign key ("course_id") references "courses" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "classes" add constraint "classes_topic_id_foreign" foreign key ("topic_id") references "topics" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "course_access" add constraint "course_access_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "course_access" add constraint "course_access_course_id_foreign" foreign key ("course_id") references "courses" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "user_progress" add constraint "user_progress_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "user_progress" add constraint "user_progress_class_id_foreign" foreign key ("class_id") references "classes" ("id") on update cascade on delete cascade;`,
    );
    // updated_at is refreshed by the ORM, and by this trigger for writes that bypass it (raw SQL,
    // imports, the back office), so the spec's "auto-updated" holds for every writer.
    this.addSql(`create or replace function set_updated_at() returns trigger language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end $$;`);
    this.addSql(
      `create trigger users_set_updated_at before update on "users" for each row execute function set_updated_at();`,
    );
    this.addSql(
      `create trigger courses_set_updated_at before update on "courses" for each row execute function set_updated_at();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists users_set_updated_at on "users";`);
    this.addSql(`drop trigger if exists courses_set_updated_at on "courses";`);
    this.addSql(`drop function if exists set_updated_at();`);
    this.addSql(`alter table "modules" drop constraint "modules_course_id_foreign";`);

    this.addSql(`alter table "topics" drop constraint "topics_course_id_foreign";`);

    this.addSql(`alter table "course_access" drop constraint "course_access_course_id_foreign";`);

    this.addSql(`alter table "topics" drop constraint "topics_module_id_foreign";`);

    this.addSql(`alter table "classes" drop constraint "classes_topic_id_foreign";`);

    this.addSql(`alter table "user_progress" drop constraint "user_progress_class_id_foreign";`);

    this.addSql(`alter table "course_access" drop constraint "course_access_user_id_foreign";`);

    this.addSql(`alter table "user_progress" drop constraint "user_progress_user_id_foreign";`);

    this.addSql(`drop table if exists "analytics_events" cascade;`);

    this.addSql(`drop table if exists "courses" cascade;`);

    this.addSql(`drop table if exists "modules" cascade;`);

    this.addSql(`drop table if exists "topics" cascade;`);

    this.addSql(`drop table if exists "classes" cascade;`);

    this.addSql(`drop table if exists "users" cascade;`);

    this.addSql(`drop table if exists "course_access" cascade;`);

    this.addSql(`drop table if exists "user_progress" cascade;`);
  }
}
