import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type TestAgent from 'supertest/lib/agent.js';
import { formPost, signInAs } from './utils/admin.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

interface RecordJson {
  id: string;
  params: Record<string, unknown>;
  errors: Record<string, { message: string; type: string }>;
  baseError: { message: string; type: string } | null;
}

const api = '/admin/api/resources';

/**
 * The back office writes the course tree through the courses module's authoring service, as the
 * REST API does: positions 1..n per parent under the course lock, the API's validation and errors
 * (on the form's fields), and the database refuses two children at one position whoever writes.
 */
describe('back office: catalog positions through the authoring service', () => {
  let t: TestApp;
  let staff: TestAgent;

  const sql = <T extends object>(query: string, params: unknown[] = []) =>
    t.orm.em.fork().getConnection().execute<T[]>(query, params);

  async function create(resource: string, fields: Record<string, string>): Promise<RecordJson> {
    const res = await formPost(staff, `${api}/${resource}/actions/new`, fields).expect(200);
    return res.body.record as RecordJson;
  }
  async function edit(resource: string, id: string, fields: Record<string, string>): Promise<RecordJson> {
    const res = await formPost(staff, `${api}/${resource}/records/${id}/edit`, fields).expect(200);
    return res.body.record as RecordJson;
  }
  async function remove(resource: string, id: string): Promise<void> {
    const res = await staff.post(`${api}/${resource}/records/${id}/delete`).expect(200);
    expect(res.body.notice.type).toBe('success');
  }
  const ok = (record: RecordJson) => {
    expect({ errors: record.errors, baseError: record.baseError }).toEqual({ errors: {}, baseError: null });
    return record;
  };

  /** Titles of a parent's children in position order, each with its position. */
  async function positions(table: string, where: string, params: unknown[]): Promise<[string, number][]> {
    const rows = await sql<{ title: string; order: number }>(
      `SELECT title, "order" FROM ${table} WHERE ${where} ORDER BY "order", title`,
      params,
    );
    return rows.map((r) => [r.title, r.order]);
  }
  const modulesOf = (courseId: string) => positions('modules', 'course_id = ?', [courseId]);
  const topicsOf = (moduleId: string) => positions('topics', 'module_id = ?', [moduleId]);
  const looseTopicsOf = (courseId: string) =>
    positions('topics', 'course_id = ? AND module_id IS NULL', [courseId]);
  const classesOf = (topicId: string) => positions('classes', 'topic_id = ?', [topicId]);

  let seq = 0;
  const newCourse = async () =>
    ok(
      await create('courses', {
        title: `Ordering ${++seq}`,
        description: 'D',
        level: 'beginner',
        type: 'skill-based',
        duration: '10',
      }),
    ).id;
  const newModule = async (course: string, title: string, order?: number) =>
    ok(
      await create('modules', {
        course,
        title,
        description: 'D',
        ...(order === undefined ? {} : { order: String(order) }),
      }),
    );
  const newTopic = async (fields: Record<string, string>) => ok(await create('topics', fields));
  const newClass = async (topic: string, title: string, order?: number) =>
    ok(
      await create('classes', {
        topic,
        title,
        contentType: 'text',
        textContent: 'x',
        duration: '5',
        ...(order === undefined ? {} : { order: String(order) }),
      }),
    );

  beforeAll(async () => {
    t = await createTestApp();
    staff = (await signInAs(t, 'staff')).agent;
  });
  afterAll(() => t.close());

  it('creates at an existing position: the siblings from there on move down, positions stay 1..n', async () => {
    const course = await newCourse();
    for (const title of ['A', 'B', 'C']) await newModule(course, title);
    const inserted = await newModule(course, 'New', 2);
    expect(inserted.params.order).toBe(2);
    expect(await modulesOf(course)).toEqual([
      ['A', 1],
      ['New', 2],
      ['B', 3],
      ['C', 4],
    ]);
    // Beyond the end is last, as in the API.
    expect((await newModule(course, 'Far', 99)).params.order).toBe(5);

    const module = inserted.id;
    for (const title of ['T1', 'T2']) await newTopic({ module, title });
    const first = await newTopic({ module, title: 'T0', order: '1' });
    expect(first.params).toMatchObject({ course, order: 1 });
    expect(await topicsOf(module)).toEqual([
      ['T0', 1],
      ['T1', 2],
      ['T2', 3],
    ]);
    await newTopic({ course, title: 'L1' });
    await newTopic({ course, title: 'L0', order: '1' });
    expect(await looseTopicsOf(course)).toEqual([
      ['L0', 1],
      ['L1', 2],
    ]);

    for (const title of ['C1', 'C2']) await newClass(first.id, title);
    await newClass(first.id, 'C1.5', 2);
    expect(await classesOf(first.id)).toEqual([
      ['C1', 1],
      ['C1.5', 2],
      ['C2', 3],
    ]);
  });

  it('moves to a position, and to another parent: both parents renumbered 1..n', async () => {
    const course = await newCourse();
    const ids: Record<string, string> = {};
    for (const title of ['A', 'B', 'C', 'D']) ids[title] = (await newModule(course, title)).id;
    const moved = ok(await edit('modules', ids.D!, { title: 'D', order: '1' }));
    expect(moved.params.order).toBe(1);
    expect(await modulesOf(course)).toEqual([
      ['D', 1],
      ['A', 2],
      ['B', 3],
      ['C', 4],
    ]);
    // An edit sends the current position back: that is no move.
    ok(await edit('modules', ids.A!, { title: 'A renamed', order: '2' }));
    expect(await modulesOf(course)).toEqual([
      ['D', 1],
      ['A renamed', 2],
      ['B', 3],
      ['C', 4],
    ]);

    const topics: Record<string, string> = {};
    for (const title of ['T1', 'T2', 'T3']) topics[title] = (await newTopic({ module: ids.A!, title })).id;
    const target = (await newTopic({ module: ids.B!, title: 'U1' })).id;
    // To another module, at position 1 there: the old module closes the gap.
    ok(await edit('topics', topics.T1!, { module: ids.B!, course, order: '1' }));
    expect(await topicsOf(ids.A!)).toEqual([
      ['T2', 1],
      ['T3', 2],
    ]);
    expect(await topicsOf(ids.B!)).toEqual([
      ['T1', 1],
      ['U1', 2],
    ]);
    // Moved with the position left empty: last there.
    ok(await edit('topics', topics.T2!, { module: ids.B!, course, order: '' }));
    expect(await topicsOf(ids.B!)).toEqual([
      ['T1', 1],
      ['U1', 2],
      ['T2', 3],
    ]);
    // To the course itself (no module).
    ok(await edit('topics', topics.T2!, { module: '', course, order: '1' }));
    expect(await looseTopicsOf(course)).toEqual([['T2', 1]]);
    expect(await topicsOf(ids.B!)).toEqual([
      ['T1', 1],
      ['U1', 2],
    ]);
    expect(await topicsOf(ids.A!)).toEqual([['T3', 1]]);

    for (const title of ['K1', 'K2', 'K3']) await newClass(target, title);
    const k3 = (await sql<{ id: string }>(`SELECT id FROM classes WHERE title = 'K3'`))[0]!.id;
    ok(await edit('classes', k3, { order: '1' }));
    expect(await classesOf(target)).toEqual([
      ['K3', 1],
      ['K1', 2],
      ['K2', 3],
    ]);
    ok(await edit('classes', k3, { topic: topics.T3!, order: '1' }));
    expect(await classesOf(target)).toEqual([
      ['K1', 1],
      ['K2', 2],
    ]);
    expect(await classesOf(topics.T3!)).toEqual([['K3', 1]]);
  });

  it('deletes: the siblings close the gap', async () => {
    const course = await newCourse();
    const ids: Record<string, string> = {};
    for (const title of ['A', 'B', 'C']) ids[title] = (await newModule(course, title)).id;
    await remove('modules', ids.B!);
    expect(await modulesOf(course)).toEqual([
      ['A', 1],
      ['C', 2],
    ]);

    const topics: string[] = [];
    for (const title of ['T1', 'T2', 'T3']) topics.push((await newTopic({ module: ids.A!, title })).id);
    await remove('topics', topics[0]!);
    expect(await topicsOf(ids.A!)).toEqual([
      ['T2', 1],
      ['T3', 2],
    ]);

    const classes: string[] = [];
    for (const title of ['K1', 'K2', 'K3']) classes.push((await newClass(topics[1]!, title)).id);
    await remove('classes', classes[1]!);
    expect(await classesOf(topics[1]!)).toEqual([
      ['K1', 1],
      ['K3', 2],
    ]);
  });

  it('concurrent back-office writes in one course leave no duplicate and no gap', async () => {
    const course = await newCourse();
    const existing: string[] = [];
    for (const title of ['M1', 'M2', 'M3', 'M4']) existing.push((await newModule(course, title)).id);
    const topic = (await newTopic({ module: existing[0]!, title: 'T' })).id;
    for (const title of ['K1', 'K2', 'K3']) await newClass(topic, title);

    // Creates at the same position, moves and deletes of the same siblings, all at once.
    const responses = await Promise.all([
      ...Array.from({ length: 6 }, (_, i) =>
        formPost(staff, `${api}/modules/actions/new`, {
          course,
          title: `New ${i}`,
          description: 'D',
          order: '1',
        }),
      ),
      formPost(staff, `${api}/modules/records/${existing[3]}/edit`, { order: '2' }),
      formPost(staff, `${api}/modules/records/${existing[2]}/edit`, { order: '1' }),
      staff.post(`${api}/modules/records/${existing[1]}/delete`),
      ...Array.from({ length: 4 }, (_, i) =>
        formPost(staff, `${api}/classes/actions/new`, {
          topic,
          title: `K new ${i}`,
          contentType: 'text',
          textContent: 'x',
          duration: '5',
          order: '2',
        }),
      ),
    ]);
    for (const res of responses) {
      expect(res.status).toBe(200);
      expect(res.body.record?.errors ?? {}).toEqual({});
      expect(res.body.notice?.type ?? 'success').toBe('success');
    }

    const modules = await modulesOf(course);
    expect(modules).toHaveLength(4 - 1 + 6);
    expect(modules.map(([, order]) => order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const classes = await classesOf(topic);
    expect(classes.map(([, order]) => order)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(classes[0]).toEqual(['K1', 1]);
  });

  it('refuses an invalid reference or value on its form field, as the API does (never a 500)', async () => {
    const course = await newCourse();
    const other = await newCourse();
    const module = (await newModule(course, 'M')).id;
    const topic = (await newTopic({ module, title: 'T' })).id;
    const foreignModule = (await newModule(other, 'Foreign')).id;
    const foreignTopic = (await newTopic({ module: foreignModule, title: 'Foreign topic' })).id;
    const lesson = (await newClass(topic, 'K')).id;

    const unknownModule = await create('topics', { module: 'no-such-module', title: 'X' });
    expect(unknownModule.errors.module?.message).toMatch(/must be a module of this course/);
    expect(unknownModule.baseError?.type).toBe('module_not_found');
    const unknownTopic = await create('classes', {
      topic: 'no-such-topic',
      title: 'X',
      contentType: 'text',
      textContent: 'x',
      duration: '5',
    });
    expect(unknownTopic.errors.topic?.message).toMatch(/must be a topic of this course/);
    const unknownCourse = await create('modules', { course: 'no-such-course', title: 'X', description: 'D' });
    expect(unknownCourse.errors.course?.message).toMatch(/No course/);

    // A move to a topic or module of another course: the API's 404 on `topicId` / `moduleId`.
    const toForeignTopic = await edit('classes', lesson, { topic: foreignTopic });
    expect(toForeignTopic.errors.topic?.message).toMatch(/must be a topic of this course/);
    const toForeignModule = await edit('topics', topic, { module: foreignModule });
    expect(toForeignModule.errors.module?.message).toMatch(/must be a module of this course/);
    const wrongCourse = await create('topics', { module, course: other, title: 'X' });
    expect(wrongCourse.errors.course?.message).toMatch(/course of the topic/);
    const moduleToOtherCourse = await edit('modules', module, { course: other });
    expect(moduleToOtherCourse.errors.course?.message).toMatch(/stays in its course/);

    // The API's validation, with its messages.
    const negative = await create('modules', { course, title: 'X', description: 'D', order: '-1' });
    expect(negative.errors.order?.message).toBe('order must not be less than 1');
    const long = await create('topics', { module, title: 'x'.repeat(201) });
    expect(long.errors.title?.message).toBe('title must be shorter than or equal to 200 characters');
    const tooLong = await create('classes', {
      topic,
      title: 'X',
      contentType: 'text',
      textContent: 'x',
      duration: '90000',
    });
    expect(tooLong.errors.duration?.message).toBe('duration must not be greater than 86400');

    // Nothing of it was written, and the class is where it was.
    expect(await modulesOf(course)).toEqual([['M', 1]]);
    expect(await topicsOf(module)).toEqual([['T', 1]]);
    expect(await classesOf(topic)).toEqual([['K', 1]]);
  });

  it('the database refuses two children at one position, whoever writes (checked at commit)', async () => {
    const course = await newCourse();
    const a = (await newModule(course, 'A')).id;
    const b = (await newModule(course, 'B')).id;
    await expect(sql(`UPDATE modules SET "order" = 1 WHERE id = ?`, [b])).rejects.toThrow(
      /modules_course_id_order_unique/,
    );
    const l1 = (await newTopic({ course, title: 'L1' })).id;
    await newTopic({ course, title: 'L2' });
    // Topics without a module too (NULLS NOT DISTINCT).
    await expect(sql(`UPDATE topics SET "order" = 2 WHERE id = ?`, [l1])).rejects.toThrow(
      /topics_course_id_module_id_order_unique/,
    );
    const topic = (await newTopic({ module: a, title: 'T' })).id;
    await newClass(topic, 'K1');
    await newClass(topic, 'K2');
    await expect(
      sql(`UPDATE classes SET "order" = 1 WHERE topic_id = ? AND title = 'K2'`, [topic]),
    ).rejects.toThrow(/classes_topic_id_order_unique/);
    // Within one transaction a swap passes through a duplicate: deferred, so it commits.
    await t.orm.em.fork().transactional(async (em) => {
      await em
        .getConnection()
        .execute(`UPDATE modules SET "order" = 2 WHERE id = ?`, [a], 'run', em.getTransactionContext());
      await em
        .getConnection()
        .execute(`UPDATE modules SET "order" = 1 WHERE id = ?`, [b], 'run', em.getTransactionContext());
    });
    expect(await modulesOf(course)).toEqual([
      ['B', 1],
      ['A', 2],
    ]);
  });
  it('a writer that skips the course lock and collides at commit makes the back-office write a form error, not a 500', async () => {
    const course = await newCourse();
    const a = (await newModule(course, 'A')).id;
    await newModule(course, 'B');
    const outsider = new pg.Client({ connectionString: t.db.url });
    await outsider.connect();
    try {
      // An UPDATE takes no lock the course lock waits for (an INSERT's foreign key check would).
      await outsider.query('BEGIN');
      await outsider.query(`UPDATE modules SET "order" = 3 WHERE id = $1`, [a]);
      // The back office does not see the uncommitted move: it puts C at 3 too, and its COMMIT waits.
      const pending = formPost(staff, `${api}/modules/actions/new`, {
        course,
        title: 'C',
        description: 'D',
      }).then((res) => res);
      for (let waiting = 0; waiting === 0;) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const { rows } = await outsider.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
        );
        waiting = rows[0]?.n ?? 0;
      }
      // The outsider saw no duplicate when it moved A, so it commits; the back office's COMMIT then
      // finds the committed A at 3: refused at the database, reported on the form.
      await outsider.query('COMMIT');
      const res = await pending;
      expect(res.status).toBe(200);
      expect(res.body.record.baseError).toMatchObject({
        type: 'unique',
        message: expect.stringMatching(/already exists/),
      });
      expect(Object.keys(res.body.record.errors).sort()).toEqual(['course', 'order']);
    } finally {
      await outsider.end();
    }
    expect(await modulesOf(course)).toEqual([
      ['B', 2],
      ['A', 3],
    ]);
  });
});
