import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import type { Server } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import pg from 'pg';
import request from 'supertest';
import { createUserWithTokens } from './utils/auth.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * POST /analytics/events is served by the HTTP server ahead of Express and Nest (ingest-route.ts);
 * these check that it still answers like every other route: the same headers, request ids, error
 * shapes, limits and identity rules. Requests it does not take (other content types, encodings,
 * spellings of the path) reach the controller, which must answer the same way.
 */
describe('analytics ingestion over HTTP: the route served ahead of Nest', () => {
  let t: TestApp;
  let client: pg.Client;
  const ORIGIN = 'https://app.example.com';

  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: ORIGIN, BODY_LIMIT: '2kb' });
    client = new pg.Client({ connectionString: t.db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await t.close();
  });

  const post = (body: unknown, path = '/analytics/events') =>
    request(t.http)
      .post(path)
      .send(body as object);
  const sessionRows = async (sessionId: string) =>
    (
      await client.query(
        `SELECT user_id, user_email, is_logged_in FROM analytics_events WHERE session_id = $1`,
        [sessionId],
      )
    ).rows;

  const expectSecurityHeaders = (res: request.Response) => {
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['x-powered-by']).toBeUndefined();
  };

  it('answers 201 with security, CORS and request-id headers like other routes', async () => {
    const res = await post({ eventType: 'we_page_load', sessionId: 'h-1' })
      .set('Origin', ORIGIN)
      .expect(201)
      .expect('Content-Type', 'application/json; charset=utf-8');
    expect(res.body).toEqual({ accepted: 1 });
    expectSecurityHeaders(res);
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-expose-headers']).toBe('X-Request-Id,Retry-After');
    expect(res.headers['vary']).toBe('Origin');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const other = await post({ eventType: 'we_page_load', sessionId: 'h-1' })
      .set('Origin', 'https://evil.example.com')
      .set('X-Request-Id', 'edge-42')
      .expect(201);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect(other.headers['x-request-id']).toBe('edge-42');
    expect(await sessionRows('h-1')).toHaveLength(2);
  });

  /**
   * A response's header lines as sent: names as spelled, values, in order; without those that differ
   * between any two responses (Date) or that only Express adds (ETag from res.send, Connection and
   * Keep-Alive are the server's).
   */
  const headerLines = (res: request.Response) => {
    const raw = (res as unknown as { res: { rawHeaders: string[] } }).res.rawHeaders;
    const lines: string[] = [];
    for (let i = 0; i < raw.length; i += 2)
      if (!['date', 'etag', 'connection', 'keep-alive'].includes(raw[i]!.toLowerCase()))
        lines.push(`${raw[i]}: ${raw[i + 1]}`);
    return lines;
  };

  const withoutId = (lines: string[]) => lines.filter((line) => !line.startsWith('X-Request-Id: '));

  it('sends the same header lines as the controller, byte for byte (helmet, CORS, request id, type, length)', async () => {
    // The fast route sends helmet's and cors's headers from arrays worked out at boot
    // (fixed-headers.ts); the controller runs the middleware on every request.
    for (const origin of [ORIGIN, 'https://evil.example.com', undefined]) {
      const send = (path: string) => {
        const r = post({ eventType: 'we_page_load', sessionId: 'h-lines' }, path).set(
          'X-Request-Id',
          'lines-1',
        );
        return (origin ? r.set('Origin', origin) : r).expect(201);
      };
      const fast = headerLines(await send('/analytics/events'));
      const controller = headerLines(await send('/analytics/events/'));
      expect(fast).toContain('X-Request-Id: lines-1');
      // The same lines; the request id comes at another place from the controller (pino-http sets it).
      expect(withoutId(fast)).toEqual(withoutId(controller));
      expect(controller).toContain('X-Request-Id: lines-1');
      expect(fast[0]).toBe('X-Request-Id: lines-1');
    }
    // A failure gets them too, set before the exception filter answers.
    const failed = await post({ eventType: 'Bad Type' })
      .set('Origin', ORIGIN)
      .set('X-Request-Id', 'lines-2')
      .expect(400);
    const viaController = await post({ eventType: 'Bad Type' }, '/analytics/events/')
      .set('Origin', ORIGIN)
      .set('X-Request-Id', 'lines-2')
      .expect(400);
    expect(headerLines(failed)[0]).toBe('X-Request-Id: lines-2');
    expect(withoutId(headerLines(failed))).toEqual(withoutId(headerLines(viaController)));
    expect(await sessionRows('h-lines')).toHaveLength(6);
  });

  it('survives a request cut off in the middle of its body, and stores nothing of it', async () => {
    const server = t.http as unknown as Server;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      'POST /analytics/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 200\r\n\r\n{"eventType":"we_page_load","sessionId":"h-cut"',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await post({ eventType: 'we_page_load', sessionId: 'h-after-cut' }).expect(201);
    expect(await sessionRows('h-cut')).toHaveLength(0);
    expect(await sessionRows('h-after-cut')).toHaveLength(1);
  });

  it('reads bodies up to the limit itself and answers every bad body as body-parser does', async () => {
    // BODY_LIMIT is 2kb: a body of exactly 2048 bytes is taken, one more byte is 413 (on both routes).
    const sized = (bytes: number) => {
      const head = '{"eventType":"we_page_load","sessionId":"h-sized","page":"/';
      const body = `${head}${'x'.repeat(bytes - head.length - 2)}"}`;
      expect(Buffer.byteLength(body)).toBe(bytes);
      return body;
    };
    const raw = (body: string, path = '/analytics/events') =>
      request(t.http).post(path).set('Content-Type', 'application/json').send(body);
    await raw(sized(2048)).expect(201);
    await raw(sized(2049)).expect(413);
    await raw(sized(2049), '/analytics/events/').expect(413);
    // Whitespace first, a UTF-8 byte order mark, multi-byte characters: parsed as body-parser parses them.
    await raw(' \n{"eventType":"we_page_load","sessionId":"h-sized"}').expect(201);
    await raw('\ufeff{"eventType":"we_page_load","sessionId":"h-sized"}').expect(201);
    await raw('{"eventType":"we_page_load","sessionId":"h-sized","buttonName":"Überblick ✓ 🎓"}').expect(201);
    const { rows } = await client.query(
      `SELECT button_name FROM analytics_events WHERE button_name IS NOT NULL AND session_id = 'h-sized'`,
    );
    expect(rows).toEqual([{ button_name: 'Überblick ✓ 🎓' }]);
    // Every kind of bad body: the same status and message as through the controller (body-parser there).
    for (const body of [
      '{"eventType":',
      'null',
      '"x"',
      ' 12',
      '{"a":1,}',
      '[1',
      '{"eventType":"we_page_load"} x',
      '\ufeff',
    ]) {
      const fast = await raw(body);
      const controller = await raw(body, '/analytics/events/');
      expect(fast.status).toBe(controller.status);
      expect({ ...fast.body, requestId: undefined }).toEqual({ ...controller.body, requestId: undefined });
      expect(fast.status).toBe(400);
    }
    expect(await sessionRows('h-sized')).toHaveLength(4);
  });

  it('is answered by the fast route alone: Express sees only its failures (serve-ahead-of-express.ts)', async () => {
    const expressApp = t.app.getHttpAdapter().getInstance() as unknown as {
      handle: (...args: unknown[]) => unknown;
    };
    const handle = expressApp.handle;
    const seen: string[] = [];
    expressApp.handle = function (this: unknown, ...args: unknown[]) {
      const req = args[0] as { method: string; url: string };
      seen.push(`${req.method} ${req.url}`);
      return handle.apply(this, args);
    };
    try {
      await post({ eventType: 'we_page_load', sessionId: 'h-alone' }).expect(201);
      expect(seen).toEqual([]);
      // A failure goes to Express only to reach the exception filter (ingestRouteErrors).
      await post({ eventType: 'Bad Type' }).expect(400);
      await post({ eventType: 'we_page_load', sessionId: 'h-alone' }, '/analytics/events/').expect(201);
      expect(seen).toEqual(['POST /analytics/events', 'POST /analytics/events/']);
    } finally {
      expressApp.handle = handle;
    }
    expect(await sessionRows('h-alone')).toHaveLength(2);
  });

  it('answers the CORS preflight as before', async () => {
    const res = await request(t.http)
      .options('/analytics/events')
      .set('Origin', ORIGIN)
      .set('Access-Control-Request-Method', 'POST')
      .expect(204);
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(res.headers['access-control-max-age']).toBe('600');
  });

  it('answers 400 naming every bad event and field, in the error shape, with headers', async () => {
    const res = await post({
      events: [
        { eventType: 'we_page_load', sessionId: 'h-bad' },
        { eventType: 'Bad Type', colour: 'red' },
        { eventType: 'we_page_load', userId: 'someone', createdAt: '2026-01-01T00:00:00Z' },
      ],
    })
      .set('Origin', ORIGIN)
      .expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'validation_failed',
      message: expect.any(String),
      details: [
        { field: 'events.1.colour', messages: ['colour is not a known event field'] },
        { field: 'events.1.eventType', messages: [expect.stringMatching(/eventType must be/)] },
        { field: 'events.2.userId', messages: [expect.stringMatching(/set by the server/)] },
        { field: 'events.2.createdAt', messages: [expect.stringMatching(/set by the server/)] },
      ],
      requestId: res.headers['x-request-id'],
    });
    expectSecurityHeaders(res);
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(await sessionRows('h-bad')).toHaveLength(0);
  });

  it('refuses Object.prototype names as fields, on the fast route and through the controller', async () => {
    for (const key of ['toString', '__proto__', 'hasOwnProperty', 'constructor']) {
      const body = `{"events":[{"eventType":"we_page_load","sessionId":"h-proto"},{"eventType":"we_page_load","sessionId":"h-proto","${key}":"x"}]}`;
      for (const path of ['/analytics/events', '/analytics/events/']) {
        const res = await request(t.http)
          .post(path)
          .set('Content-Type', 'application/json')
          .send(body)
          .expect(400);
        expect(res.body).toMatchObject({ statusCode: 400, error: 'validation_failed' });
        expect(res.body.details).toEqual([
          { field: `events.1.${key}`, messages: [`${key} is not a known event field`] },
        ]);
      }
    }
    expect(await sessionRows('h-proto')).toHaveLength(0);
  });

  it('refuses actions the server records (forged logins, completions), naming events.N.eventAction', async () => {
    for (const eventAction of ['login_success', 'otp_requested', 'class_completed', 'course_enrolled']) {
      const res = await post({
        events: [
          { eventType: 'auth_event', eventAction: 'login_button_clicked', sessionId: 'h-forge' },
          { eventType: 'auth_event', eventAction, sessionId: 'h-forge' },
        ],
      }).expect(400);
      expect(res.body.details).toEqual([
        { field: 'events.1.eventAction', messages: [expect.stringMatching(/recorded by the server only/)] },
      ]);
    }
    expect(await sessionRows('h-forge')).toHaveLength(0);
    await post({ eventType: 'auth_event', eventAction: 'email_entered', sessionId: 'h-forge' }).expect(201);
    expect(await sessionRows('h-forge')).toHaveLength(1);
  });

  it('rejects unknown fields next to a batch and bodies that are not an event', async () => {
    await post({ events: [{ eventType: 'we_page_load' }], extra: 1 }).expect(400);
    for (const body of ['[{"eventType":"we_page_load"}]', '{"events":"x"}']) {
      const res = await request(t.http)
        .post('/analytics/events')
        .set('Content-Type', 'application/json')
        .send(body)
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'validation_failed' });
    }
  });

  it('answers 413 over the body limit and 400 for malformed JSON, in the error shape', async () => {
    const big = await post({ events: [{ eventType: 'we_page_load', page: 'x'.repeat(3000) }] }).expect(413);
    expect(big.body).toEqual({
      statusCode: 413,
      error: 'payload_too_large',
      message: 'request entity too large',
      requestId: big.headers['x-request-id'],
    });
    for (const body of ['{"eventType":', 'null']) {
      const res = await request(t.http)
        .post('/analytics/events')
        .set('Content-Type', 'application/json')
        .send(body)
        .expect(400);
      expect(res.body).toMatchObject({
        statusCode: 400,
        error: 'bad_request',
        requestId: expect.any(String),
      });
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
    }
  });

  it('takes the user from a valid access token, for every event of a batch', async () => {
    const learner = await createUserWithTokens(t, 'student', 'http.learner@example.com');
    await post({
      events: [
        { eventType: 'we_page_load', sessionId: 'h-tok' },
        { eventType: 'share_clicked', sessionId: 'h-tok' },
      ],
    })
      .set(learner.auth)
      .expect(201);
    expect(await sessionRows('h-tok')).toEqual([
      { user_id: learner.user.id, user_email: 'http.learner@example.com', is_logged_in: true },
      { user_id: learner.user.id, user_email: 'http.learner@example.com', is_logged_in: true },
    ]);
    // The scheme is case-insensitive, as for every other route.
    await post({ eventType: 'we_page_load', sessionId: 'h-tok' })
      .set('Authorization', `bearer ${learner.accessToken}`)
      .expect(201);
    expect(await sessionRows('h-tok')).toHaveLength(3);
  });

  it('answers 401 and writes nothing for a forged, foreign, expired or non-bearer token', async () => {
    const jwt = t.app.get(JwtService);
    const { accessToken } = await createUserWithTokens(t, 'admin');
    const { sub, email, role, sid } = jwt.decode<Record<string, string>>(accessToken);
    const claims = { sub, email, role, sid };
    const checks = { issuer: 'course-platform', audience: 'course-platform-api' };
    const foreign = jwt.sign(claims, { ...checks, secret: 'another-secret-another-secret-xx' });
    const expired = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, checks);
    const wrongAudience = jwt.sign(claims, { issuer: 'course-platform', audience: 'someone-else' });
    const noRole = jwt.sign({ sub, email, sid }, checks);
    const noSession = jwt.sign({ sub, email, role }, checks);
    const otherSession = jwt.sign({ ...claims, sid: 'not-a-session' }, checks);
    // A well-signed token with everything right is accepted (the checks above are what fails).
    await post({ eventType: 'we_page_load', sessionId: 'h-ok' })
      .set('Authorization', `Bearer ${jwt.sign(claims, checks)}`)
      .expect(201);
    for (const authorization of [
      'Bearer forged.token.value',
      `Bearer ${foreign}`,
      `Bearer ${expired}`,
      `Bearer ${wrongAudience}`,
      `Bearer ${noRole}`,
      `Bearer ${noSession}`,
      `Bearer ${otherSession}`,
      'Basic dXNlcjpwYXNz',
      'Bearer',
    ]) {
      const res = await post({ eventType: 'we_page_load', sessionId: 'h-forged' })
        .set('Authorization', authorization)
        .set('Origin', ORIGIN)
        .expect(401);
      expect(res.body).toEqual({
        statusCode: 401,
        error: 'unauthenticated',
        message: 'A valid access token is required',
        requestId: res.headers['x-request-id'],
      });
      expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
    }
    expect(await sessionRows('h-forged')).toHaveLength(0);
    expect(await sessionRows('h-ok')).toEqual([{ user_id: sub, user_email: email, is_logged_in: true }]);
  });

  it('serves the requests it does not take through the controller, with the same rules', async () => {
    // A query string, a trailing slash, a form body, JSON in a charset body-parser refuses.
    await post({ eventType: 'we_page_load', sessionId: 'h-other' }, '/analytics/events?src=x').expect(201);
    await post({ eventType: 'we_page_load', sessionId: 'h-other' }, '/analytics/events/').expect(201);
    await request(t.http)
      .post('/analytics/events')
      .type('form')
      .send('eventType=we_page_load&sessionId=h-other')
      .expect(201);
    const latin1 = await request(t.http)
      .post('/analytics/events')
      .set('Content-Type', 'application/json; charset=latin1')
      .send('{"eventType":"we_page_load","sessionId":"h-other"}')
      .expect(415);
    expect(latin1.body).toMatchObject({ statusCode: 415, requestId: expect.any(String) });
    const forged = await post({ eventType: 'we_page_load', sessionId: 'h-other' }, '/analytics/events/')
      .set('Authorization', 'Bearer forged.token.value')
      .expect(401);
    expect(forged.body.error).toBe('unauthenticated');
    const text = await request(t.http)
      .post('/analytics/events')
      .set('Content-Type', 'text/plain')
      .send('{"eventType":"we_page_load"}')
      .expect(400);
    expect(text.body.details).toEqual([{ field: 'body', messages: ['an event must be a JSON object'] }]);
    await request(t.http).get('/analytics/events').expect(404);
    expect(await sessionRows('h-other')).toHaveLength(3);
  });
});
