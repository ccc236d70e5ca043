import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createUserWithTokens } from './utils/auth.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/** NUL characters, lone surrogates and deep nesting: 400 naming the field, before anything reaches SQL. */
describe('hostile input on Nest routes', () => {
  let t: TestApp;
  let staff: { Authorization: string };

  beforeAll(async () => {
    t = await createTestApp();
    staff = (await createUserWithTokens(t, 'staff')).auth;
  });
  afterAll(() => t.close());

  const expectBadField = (res: request.Response, field: string) => {
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'validation_failed' });
    expect(res.body.details).toEqual([expect.objectContaining({ field })]);
    expect(typeof res.body.requestId).toBe('string');
  };

  it('refuses a NUL character in a body string, a path parameter and a query parameter', async () => {
    expectBadField(await request(t.http).post('/courses').set(staff).send({ title: 'a\u0000b' }), 'title');
    expectBadField(await request(t.http).get('/courses/abc%00def'), 'courseId');
    expectBadField(await request(t.http).get('/courses').query({ search: 'py\u0000' }), 'search');
  });

  it('refuses lone surrogates in values and field names', async () => {
    expectBadField(
      await request(t.http).post('/courses').set(staff).send('{"title":"\\ud800"}').type('json'),
      'title',
    );
    const res = await request(t.http).post('/auth/refresh').send('{"\\udc00x":"1"}').type('json');
    expect(res.status).toBe(400);
    expect(res.body.details[0].messages[0]).toMatch(/well-formed/);
  });

  it('refuses a lone surrogate in an e-mail (class-validator’s isEmail threw URIError: 500)', async () => {
    expectBadField(
      await request(t.http).post('/auth/otp/request').send('{"email":"\\ud800@example.com"}').type('json'),
      'email',
    );
    expectBadField(
      await request(t.http)
        .post('/auth/otp/verify')
        .send('{"email":"a\\udfff@example.com","code":"123456"}')
        .type('json'),
      'email',
    );
    const course = await request(t.http)
      .post('/courses')
      .set(staff)
      .send({ title: 'T', description: 'D', duration: 1, level: 'beginner', type: 'skill-based' })
      .expect(201);
    expectBadField(
      await request(t.http)
        .post(`/courses/${course.body.id as string}/access/bulk`)
        .set(staff)
        .send('{"emails":["ok@example.com","\\ud83d@example.com"]}')
        .type('json'),
      'emails.1',
    );
  });

  it('refuses JSON nested thousands of levels deep on any route without overflowing the stack', async () => {
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    for (const path of ['/auth/refresh', '/auth/logout', '/auth/otp/request']) {
      const res = await request(t.http)
        .post(path)
        .send(`{"refreshToken":"x","email":"a@b.c","x":${deep}}`)
        .type('json');
      expect(res.status).toBe(400);
      expect(res.body.details[0].messages[0]).toMatch(/nested deeper than 32/);
    }
    const course = await request(t.http).post('/courses').set(staff).send(`{"title":${deep}}`).type('json');
    expect(course.status).toBe(400);
  });

  it('refuses them in events too (the ingestion route runs ahead of Nest), customData included', async () => {
    const cases: [string, string][] = [
      ['{"eventType":"we_page_load","page":"/a\\u0000"}', 'page'],
      ['{"eventType":"we_page_load","sessionId":"\\ud800"}', 'sessionId'],
      ['{"eventType":"we_page_load","customData":{"note":"a\\u0000b"}}', 'customData.note'],
      ['{"eventType":"we_page_load","customData":{"\\udc00":1}}', 'customData.\udc00'],
      [
        `{"eventType":"we_page_load","customData":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
        'customData' + '.a'.repeat(16),
      ],
      [
        '{"events":[{"eventType":"we_page_load"},{"eventType":"we_page_load","customData":{"l":["\\u0000"]}}]}',
        'events.1.customData.l.0',
      ],
    ];
    for (const [body, field] of cases) {
      const res = await request(t.http).post('/analytics/events').type('json').send(body);
      expectBadField(res, field);
    }
    const rows = await t.orm.em
      .fork()
      .getConnection()
      .execute<{ n: number }[]>('SELECT count(*)::int AS n FROM analytics_events');
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('lets ordinary Unicode through (emoji are surrogate pairs)', async () => {
    const res = await request(t.http).get('/courses').query({ search: 'python 🐍 日本' });
    expect(res.status).toBe(200);
  });
});
