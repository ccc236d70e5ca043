import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger, type ArgumentsHost } from '@nestjs/common';
import request from 'supertest';
import { AllExceptionsFilter } from '../src/common/errors/all-exceptions.filter.js';
import { describeErrorForLog } from '../src/common/errors/database-errors.js';
import { withClient } from './setup/test-postgres.js';
import { signInAs } from './utils/admin.js';
import { createUserWithTokens } from './utils/auth.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/** Everything the application's Nest loggers write at error and warn level, as text. */
function captureLogs() {
  const lines: string[] = [];
  const keep = (...args: unknown[]) => {
    lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  };
  const spies = [
    jest.spyOn(Logger.prototype, 'error').mockImplementation(keep),
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(keep),
  ];
  return { lines, restore: () => spies.forEach((s) => s.mockRestore()) };
}

/** Runs the global filter on `error` as if a GET /probe had thrown it; returns the response it sent. */
function filterResponse(error: unknown) {
  const sent: { status?: number; body?: unknown; headers: Record<string, string> } = { headers: {} };
  const res = {
    headersSent: false,
    getHeader: () => undefined,
    setHeader: (name: string, value: string) => (sent.headers[name.toLowerCase()] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    json: (body: unknown) => (sent.body = body),
  };
  const req = { id: 'req-1', method: 'GET', originalUrl: '/probe', headers: {} };
  const host = { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) };
  new AllExceptionsFilter().catch(error, host as unknown as ArgumentsHost);
  return sent;
}

async function failing(query: Promise<unknown>): Promise<Error> {
  try {
    await query;
  } catch (error) {
    return error as Error;
  }
  throw new Error('the query succeeded');
}

describe('database errors: values stay out of the logs, an outage is a 503', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('logs a failing statement by code and shape, without the values it carried', async () => {
    const secret = 'alice.secret@example.com';
    const error = await failing(
      t.orm.em.fork().getConnection().execute('select ?::int as n, ? as label', [secret, 'Alice Secret']),
    );
    expect(error.message).toContain(secret); // what used to reach the logs
    const logs = captureLogs();
    const sent = filterResponse(error);
    logs.restore();
    expect(sent).toMatchObject({ status: 500, body: { statusCode: 500, error: 'internal_error' } });
    expect(logs.lines).toHaveLength(1);
    expect(logs.lines[0]).toContain('22P02');
    expect(logs.lines[0]).toContain('select ?::int as n, ? as label');
    expect(logs.lines[0]).not.toMatch(/alice|secret/i);
  });

  it('describes a unique violation by SQLSTATE and constraint, not by the duplicate e-mail', async () => {
    const secret = `carol.secret.${Date.now()}@example.com`;
    await createUserWithTokens(t, 'student', secret);
    const other = await createUserWithTokens(t, 'student');
    const error = await failing(
      t.orm.em
        .fork()
        .getConnection()
        .execute('update users set email = ? where id = ?', [secret, other.user.id]),
    );
    expect(`${error.message} ${(error as { detail?: string }).detail}`).toContain(secret);
    const line = describeErrorForLog(error);
    expect(line).toMatch(/23505/);
    expect(line).toMatch(/constraint \w*email\w*/);
    expect(line).toContain('table users');
    expect(line).not.toContain('carol');
    expect(line).not.toContain(other.user.id);
  });

  it('answers 503 with Retry-After while the database is unreachable, logging one line, then recovers', async () => {
    const adminUrl = process.env.TEST_PG_ADMIN_URL as string;
    const name = t.db.name;
    const staff = await createUserWithTokens(t, 'staff');
    const backOffice = (await signInAs(t, 'staff')).agent;
    await backOffice.get('/admin/api/resources/courses/actions/list').expect(200);
    await request(t.http).get('/courses').expect(200);
    await request(t.http).get('/health/ready').expect(200);
    const logs = captureLogs();
    await withClient(adminUrl, async (c) => {
      await c.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await c.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
    });
    try {
      for (let i = 0; i < 3; i++) {
        const res = await request(t.http).get('/courses');
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.body).toEqual({
          statusCode: 503,
          error: 'database_unavailable',
          message: expect.any(String),
          requestId: res.headers['x-request-id'],
        });
      }
      // The ingestion route and the reports have pools of their own: the same answer.
      const ingest = await request(t.http).post('/analytics/events').send({ eventType: 'we_page_load' });
      expect([ingest.status, ingest.headers['retry-after'], ingest.body.error]).toEqual([
        503,
        '5',
        'database_unavailable',
      ]);
      const day = new Date().toISOString().slice(0, 10);
      const report = await request(t.http)
        .get('/analytics/reports/engagement/active-users')
        .query({ from: day, to: day })
        .set(staff.auth);
      expect([report.status, report.headers['retry-after'], report.body.error]).toEqual([
        503,
        '5',
        'database_unavailable',
      ]);
      // The back office (its sessions live in PostgreSQL too): the same answer, no stack in the log.
      for (const path of ['/admin/api/resources/courses/actions/list', '/admin']) {
        const page = await backOffice.get(path);
        expect([path, page.status, page.headers['retry-after'], page.body.error]).toEqual([
          path,
          503,
          '5',
          'database_unavailable',
        ]);
      }
      const ready = await request(t.http).get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ statusCode: 503, error: 'service_unavailable' });
      expect(ready.headers['retry-after']).toBe('5');
      const outage = logs.lines.filter((l) =>
        /Exceptions|Database unavailable|Unhandled|Back-office/.test(l),
      );
      expect(outage).toHaveLength(1);
      expect(outage[0]).toContain('Database unavailable');
      expect(logs.lines.join('\n')).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      logs.restore();
      await withClient(adminUrl, (c) => c.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`));
    }
    await request(t.http).get('/courses').expect(200);
    await request(t.http).get('/health/ready').expect(200);
    await request(t.http).post('/analytics/events').send({ eventType: 'we_page_load' }).expect(201);
  });
});
