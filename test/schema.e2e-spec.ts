import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { InvalidFieldError } from '../src/common/errors/domain-error.js';
import { buildOrmOptions } from '../src/app/orm.config.js';
import { Course } from '../src/modules/courses/entities/course.entity.js';
import { CourseClass } from '../src/modules/courses/entities/course-class.entity.js';
import { SPEC_EVENT_INDEXES, SPEC_FOREIGN_KEYS, SPEC_TABLES, SPEC_UNIQUES } from './fixtures/spec-schema.js';
import { foreignKeys, indexes, tableColumns } from './utils/catalog-queries.js';
import { createTestDatabase, type TestDatabase } from './utils/test-database.js';

describe('schema: migrations and entities match the spec', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let client: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    orm = await MikroORM.init(buildOrmOptions({ url: db.url, poolMax: 2 }));
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await orm.close();
    await db.drop();
  });

  const schemaDiff = async () => (await orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false })).trim();

  it('has no difference between the migrated schema and the entities', async () => {
    expect(await schemaDiff()).toBe('');
  });

  it.each(Object.entries(SPEC_TABLES))(
    'table %s has the spec columns, types, nullability and defaults',
    async (table, columns) => {
      const actual = await tableColumns(client, table);
      expect(actual.filter(([name]) => columns.some(([n]) => n === name))).toEqual(columns);
    },
  );

  it('has every spec foreign key, each ON DELETE CASCADE', async () => {
    const actual = await foreignKeys(client);
    for (const [table, column, ref] of SPEC_FOREIGN_KEYS) {
      expect(actual).toContainEqual([table, column, ref, 'CASCADE']);
    }
  });

  it('has the spec unique constraints and analytics indexes', async () => {
    for (const [table, cols] of SPEC_UNIQUES) {
      expect(await indexes(client, table)).toContainEqual({ cols, is_unique: true });
    }
    const eventIndexes = (await indexes(client, 'analytics_events')).map((i) => i.cols);
    for (const cols of SPEC_EVENT_INDEXES) expect(eventIndexes).toContainEqual(cols);
  });

  it('rejects duplicate enrolments and progress rows at the database', async () => {
    await client.query(`INSERT INTO users (id, email) VALUES ('u-dup', 'dup@example.com')`);
    await client.query(
      `INSERT INTO courses (id, title, description, duration, level, type) VALUES ('c-dup', 'T', 'D', 10, 'beginner', 'skill-based')`,
    );
    await client.query(`INSERT INTO course_access (id, user_id, course_id) VALUES ('a1', 'u-dup', 'c-dup')`);
    await expect(
      client.query(`INSERT INTO course_access (id, user_id, course_id) VALUES ('a2', 'u-dup', 'c-dup')`),
    ).rejects.toThrow(/course_access_user_id_course_id_unique/);
    await expect(
      client.query(`INSERT INTO users (id, email) VALUES ('u-dup2', 'dup@example.com')`),
    ).rejects.toThrow(/users_email_unique/);
  });

  it('cascades a course delete to its modules, topics, classes, progress and enrolments', async () => {
    await client.query(`
      INSERT INTO users (id, email) VALUES ('u-c', 'cascade@example.com');
      INSERT INTO courses (id, title, description, duration, level, type) VALUES ('c-c', 'T', 'D', 10, 'advanced', 'certification');
      INSERT INTO modules (id, course_id, title, description, "order") VALUES ('m-c', 'c-c', 'M', 'D', 1);
      INSERT INTO topics (id, module_id, course_id, title, "order") VALUES ('t-c', 'm-c', 'c-c', 'T', 1);
      INSERT INTO topics (id, module_id, course_id, title, "order") VALUES ('t-c2', NULL, 'c-c', 'Loose topic', 2);
      INSERT INTO classes (id, topic_id, title, duration, "order") VALUES ('k-c', 't-c', 'K', 60, 1);
      INSERT INTO user_progress (id, user_id, class_id, watched_duration) VALUES ('p-c', 'u-c', 'k-c', 5);
      INSERT INTO course_access (id, user_id, course_id) VALUES ('a-c', 'u-c', 'c-c');
    `);
    const defaults = await client.query(
      `SELECT p.is_completed, p.last_watched_at IS NOT NULL AS stamped, k.content_type, m.learning_outcomes
       FROM user_progress p JOIN classes k ON k.id = p.class_id JOIN modules m ON m.id = 'm-c' WHERE p.id = 'p-c'`,
    );
    expect(defaults.rows[0]).toEqual({
      is_completed: false,
      stamped: true,
      content_type: 'video',
      learning_outcomes: [],
    });

    await client.query(`DELETE FROM courses WHERE id = 'c-c'`);
    const left = await client.query(`
      SELECT (SELECT count(*) FROM modules WHERE id = 'm-c') + (SELECT count(*) FROM topics WHERE course_id = 'c-c')
           + (SELECT count(*) FROM classes WHERE id = 'k-c') + (SELECT count(*) FROM user_progress WHERE id = 'p-c')
           + (SELECT count(*) FROM course_access WHERE id = 'a-c') AS n`);
    expect(Number(left.rows[0].n)).toBe(0);
    expect((await client.query(`SELECT 1 FROM users WHERE id = 'u-c'`)).rowCount).toBe(1);
  });

  it('maintains updated_at on raw SQL updates too', async () => {
    await client.query(
      `INSERT INTO users (id, email, updated_at) VALUES ('u-t', 'touch@example.com', now() - interval '1 day')`,
    );
    await client.query(`UPDATE users SET name = 'Touched' WHERE id = 'u-t'`);
    const { rows } = await client.query(
      `SELECT updated_at > now() - interval '1 minute' AS fresh FROM users WHERE id = 'u-t'`,
    );
    expect(rows[0].fresh).toBe(true);
  });

  it('validates enum columns where the application writes rows, and writes nothing on error', async () => {
    const em = orm.em.fork();
    em.create(Course, {
      title: 'Bad',
      description: 'x',
      duration: 1,
      level: 'expert' as never,
      type: 'skill-based',
    });
    await expect(em.flush()).rejects.toThrow(InvalidFieldError);
    const em2 = orm.em.fork();
    const course = em2.create(Course, {
      title: 'Ok',
      description: 'x',
      duration: 1,
      level: 'beginner',
      type: 'skill-based',
    });
    await em2.flush();
    expect(course.id).toMatch(/^[a-z0-9]{20,}$/);
    expect(await orm.em.fork().count(Course, { title: 'Bad' })).toBe(0);
    const topicId = (
      await client.query(
        `INSERT INTO topics (id, course_id, title, "order") VALUES ('t-e', $1, 'T', 1) RETURNING id`,
        [course.id],
      )
    ).rows[0].id;
    const em3 = orm.em.fork();
    em3.create(CourseClass, {
      topic: topicId,
      title: 'K',
      duration: 1,
      order: 1,
      contentType: 'podcast' as never,
    });
    await expect(em3.flush()).rejects.toThrow(/contentType must be one of: video, text, contest/);
  });

  it('migrates down to zero and up again, ending with the same schema', async () => {
    const migrator = orm.getMigrator();
    await migrator.down({ to: 0 });
    const { rows } = await client.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'mikro_orm_migrations'`,
    );
    expect(rows).toEqual([]);
    await migrator.up();
    expect(await schemaDiff()).toBe('');
    expect(Object.keys(SPEC_TABLES).length).toBe(8);
  });
});
