import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { describeProblem, redoclyLint } from './support/redocly-lint.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

interface Document {
  servers?: unknown[];
  paths: Record<string, Record<string, { operationId?: string; security?: unknown[] }>>;
}

/**
 * How operationIds read in a generated client (`client.listCourses()`, `operations['getMe']`):
 * lowerCamelCase, a verb first (this list), then what it acts on. No controller or method names.
 */
const OPERATION_VERBS = [
  'get',
  'list',
  'create',
  'update',
  'delete',
  'reorder',
  'change',
  'enrol',
  'revoke',
  'send',
  'record',
  'start',
  'request',
  'verify',
  'refresh',
  'end',
];
const OPERATION_ID = new RegExp(`^(${OPERATION_VERBS.join('|')})[A-Z][A-Za-z]*$`);

/** The app's live /docs-json, as API tools take it: `redocly lint` with the recommended rules. */
describe('the OpenAPI document (/docs-json)', () => {
  let t: TestApp;
  let doc: Document;

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await request(t.http).get('/docs-json').expect(200)).body as Document;
  });
  afterAll(() => t.close());

  it('passes `redocly lint` (recommended rules) without an error or a warning', async () => {
    const problems = await redoclyLint(doc);
    expect(problems.map(describeProblem)).toEqual([]);
  }, 60_000);

  it('is linted for real: a document with the old faults fails', async () => {
    const broken = structuredClone(doc);
    broken.servers = [];
    const [someOperation] = Object.values(broken.paths).flatMap((item) => Object.values(item));
    delete someOperation!.security;
    const rules = new Set((await redoclyLint(broken)).map((p) => p.ruleId));
    expect([...rules].sort()).toEqual(expect.arrayContaining(['no-empty-servers', 'security-defined']));
  }, 60_000);

  it('names every operation in one scheme: lowerCamelCase, verb first, unique', () => {
    const ids = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({
        route: `${method.toUpperCase()} ${path}`,
        id: op.operationId,
      })),
    );
    expect(ids.length).toBeGreaterThan(50);
    expect(ids.filter(({ id }) => !id || !OPERATION_ID.test(id))).toEqual([]);
    expect(new Set(ids.map(({ id }) => id)).size).toBe(ids.length);
  });
});
