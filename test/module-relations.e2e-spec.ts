import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { enrolmentsRelation } from '../src/modules/access/index.js';
import { outlineRelation } from '../src/modules/courses/index.js';
import { accountsRelation } from '../src/modules/users/index.js';
import { createTestDatabase, type TestDatabase } from './utils/test-database.js';

/** The read-only relations modules expose to each other's SQL, with the columns their docs promise. */
describe("modules' read-only relations", () => {
  let db: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  const columns = async (relation: string) =>
    (await client.query(`SELECT * FROM ${relation} r LIMIT 0`)).fields.map((f) => f.name);

  it('have the documented columns', async () => {
    expect(await columns(accountsRelation())).toEqual(['user_id', 'created_at']);
    expect(await columns(enrolmentsRelation())).toEqual(['user_id', 'course_id', 'granted_at']);
    expect(await columns(outlineRelation())).toEqual([
      'class_id',
      'topic_id',
      'module_id',
      'course_id',
      'content_type',
      'duration',
    ]);
  });

  it('outline: a statement reading class columns only does not join the topics', async () => {
    const plan = async (select: string) =>
      (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${select}`)).rows
        .map((r) => r['QUERY PLAN'])
        .join('\n');
    expect(await plan(`SELECT o.class_id, o.duration FROM ${outlineRelation()} o`)).not.toMatch(/topics/);
    expect(await plan(`SELECT o.course_id FROM ${outlineRelation()} o`)).toMatch(/topics/);
  });
});
