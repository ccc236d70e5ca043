import { Migration } from '@mikro-orm/migrations';

/**
 * Positions are unique within a parent: a module's `order` within its course, a topic's within its
 * module (or among the course's topics without a module), a class's within its topic. The spec
 * lists no index on these tables beyond keys, and forbids none; the authoring service keeps
 * positions 1..n under the course lock, and these constraints make any writer that skips it (SQL,
 * a future import) fail instead of leaving two children at one position.
 *
 * DEFERRABLE INITIALLY DEFERRED: a move or an insert renumbers several siblings in one transaction,
 * passing through states where two of them briefly share a position; uniqueness is checked at
 * commit. Topics use NULLS NOT DISTINCT (PostgreSQL 15+) so topics without a module are covered.
 *
 * Existing rows are first renumbered 1..n per parent, keeping their order (ties by id): earlier
 * back-office writes could leave duplicates and gaps.
 */
export class Migration20261207110000_catalog_order_unique extends Migration {
  override async up(): Promise<void> {
    const renumber = (table: string, parent: string) =>
      this.addSql(`update "${table}" t set "order" = r.n
        from (select id, row_number() over (partition by ${parent} order by "order", id)::int as n from "${table}") r
        where r.id = t.id and t."order" <> r.n;`);
    renumber('modules', 'course_id');
    renumber('topics', 'course_id, module_id');
    renumber('classes', 'topic_id');
    this.addSql(`alter table "modules" add constraint "modules_course_id_order_unique"
      unique ("course_id", "order") deferrable initially deferred;`);
    this.addSql(`alter table "topics" add constraint "topics_course_id_module_id_order_unique"
      unique nulls not distinct ("course_id", "module_id", "order") deferrable initially deferred;`);
    this.addSql(`alter table "classes" add constraint "classes_topic_id_order_unique"
      unique ("topic_id", "order") deferrable initially deferred;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "classes" drop constraint if exists "classes_topic_id_order_unique";`);
    this.addSql(`alter table "topics" drop constraint if exists "topics_course_id_module_id_order_unique";`);
    this.addSql(`alter table "modules" drop constraint if exists "modules_course_id_order_unique";`);
  }
}
