import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createUserWithTokens } from './utils/auth.js';
import { createCourseFixture, type CourseFixture } from './utils/course-fixture.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { hostileRequests, type OpenApiDocument, type WalkRequest } from './support/openapi-walk.js';
import { defined } from '../src/common/assert/defined.js';

/**
 * A scanner's walk over the whole API, as anonymous, student, staff and admin: every route of the OpenAPI
 * document (so a new route is covered without editing this test), every parameter and body
 * property with hostile values. No answer may be a 5xx, and every 4xx must be the project's JSON
 * error shape.
 */
describe('hostile input over every route of /docs-json', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let course: CourseFixture;
  const callers: Record<string, Record<string, string>> = { anonymous: {} };

  beforeAll(async () => {
    // Rate limits would turn most of the walk into 429s: lift them for this app only.
    t = await createTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '10000' });
    const staff = await createUserWithTokens(t, 'staff');
    const student = await createUserWithTokens(t, 'student');
    const admin = await createUserWithTokens(t, 'admin');
    callers.student = student.auth;
    callers.staff = staff.auth;
    callers.admin = admin.auth;
    course = await createCourseFixture(t, staff.auth);
    doc = (await request(t.http).get('/docs-json').expect(200)).body as OpenApiDocument;
  });
  afterAll(() => t.close());

  const validId = (name: string): string => {
    const firstTopic = course.topic(0, 0);
    const ids: Record<string, string> = {
      id: course.courseId,
      courseId: course.courseId,
      moduleId: defined(course.modules[0], 'a fixture module'),
      topicId: firstTopic,
      classId: course.classOf(firstTopic, 0),
    };
    return ids[name] ?? 'unknown-id';
  };

  async function send(req: WalkRequest, auth: Record<string, string>) {
    const agent = request(t.http);
    const method = req.method as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let call = agent[method](req.url).set(auth);
    if (req.body !== undefined) call = call.set('content-type', 'application/json').send(req.body);
    return call;
  }

  it('answers no 5xx, and every 4xx in the JSON error shape', async () => {
    const requests = hostileRequests(doc, validId);
    expect(requests.length).toBeGreaterThan(1000);
    const failures: string[] = [];
    for (const [who, auth] of Object.entries(callers)) {
      for (const req of requests) {
        const res = await send(req, auth);
        const shaped =
          typeof res.body === 'object' &&
          res.body !== null &&
          res.body.statusCode === res.status &&
          typeof res.body.error === 'string' &&
          typeof res.body.message === 'string' &&
          typeof res.body.requestId === 'string';
        if (res.status >= 500 || (res.status >= 400 && !shaped))
          failures.push(
            `${who} ${req.method.toUpperCase()} ${req.url.slice(0, 120)} [${req.label}] → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`,
          );
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});
