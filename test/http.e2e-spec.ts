import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

describe('HTTP foundation', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: 'https://app.example.com', BODY_LIMIT: '1kb' });
  });
  afterAll(() => t.close());

  it('answers liveness and readiness (database reachable)', async () => {
    await request(t.http)
      .get('/health')
      .expect(200)
      .expect((r) => expect(r.body.status).toBe('ok'));
    const ready = await request(t.http).get('/health/ready').expect(200);
    expect(ready.body.info.database.status).toBe('up');
  });

  it('serves Swagger UI and an OpenAPI document with bearer auth declared', async () => {
    const ui = await request(t.http).get('/docs/').expect(200);
    expect(ui.text).toContain('swagger-ui');
    const doc = await request(t.http).get('/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(doc.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.body.paths['/health/ready']).toBeDefined();
  });

  it('answers unknown routes with the JSON error shape and a request id', async () => {
    const res = await request(t.http).get('/no-such-route').expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'not_found',
      message: expect.any(String),
      requestId: expect.any(String),
    });
    expect(res.headers['x-request-id']).toBe(res.body.requestId);
  });

  it('reuses a well-formed incoming X-Request-Id and replaces a malformed one', async () => {
    const kept = await request(t.http).get('/no-such-route').set('X-Request-Id', 'edge-123').expect(404);
    expect(kept.body.requestId).toBe('edge-123');
    const replaced = await request(t.http)
      .get('/no-such-route')
      .set('X-Request-Id', 'bad id <script>')
      .expect(404);
    expect(replaced.body.requestId).not.toContain('<');
  });

  it('rejects malformed JSON with 400 in the same shape', async () => {
    const res = await request(t.http)
      .post('/health')
      .set('Content-Type', 'application/json')
      .send('{"broken":')
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'bad_request', requestId: expect.any(String) });
    expect(res.body.requestId).not.toBe('');
  });

  it('rejects bodies over the configured limit with 413', async () => {
    const res = await request(t.http)
      .post('/health')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ filler: 'x'.repeat(2048) }))
      .expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'payload_too_large' });
  });

  it('sets security headers (helmet) and hides the framework', async () => {
    const res = await request(t.http).get('/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('allows CORS only for configured origins', async () => {
    const allowed = await request(t.http)
      .options('/health')
      .set('Origin', 'https://app.example.com')
      .set('Access-Control-Request-Method', 'GET')
      .expect(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
    const denied = await request(t.http).get('/health').set('Origin', 'https://evil.example.net').expect(200);
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });
});
