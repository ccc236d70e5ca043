import { describe, expect, it } from '@jest/globals';
import express, { type Request, type Response } from 'express';
import request from 'supertest';
import { fillEarlyMount, reserveEarlyMount } from './early-mount.js';

/** An app shaped like ours: the slot, then a body parser and a catch-all added before the fill. */
function appWithParsersAfterSlot() {
  const app = express();
  reserveEarlyMount(app, 'late');
  app.use(express.urlencoded({ extended: false }));
  app.use((_req, res) => res.status(404).send('api'));
  return app;
}

/** What a formidable-style handler sees: the raw, unread body stream. */
const echoRaw = (req: Request, res: Response) => {
  let raw = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => (raw += chunk));
  req.on('end', () => res.json({ raw, baseUrl: req.baseUrl, url: req.url, parsed: req.body ?? null }));
};

describe('early mount: a router added late runs ahead of what was added after its slot', () => {
  it('serves its path before the later parser and catch-all, with the body unread', async () => {
    const app = appWithParsersAfterSlot();
    fillEarlyMount(app, 'late', '/admin', echoRaw);
    const res = await request(app)
      .post('/admin/login?x=1')
      .type('form')
      .send('email=a&password=b')
      .expect(200);
    expect(res.body).toEqual({
      raw: 'email=a&password=b',
      baseUrl: '/admin',
      url: '/login?x=1',
      parsed: null,
    });
    await request(app).post('/api').type('form').send('a=1').expect(404, 'api');
    await request(app).get('/administrator').expect(404, 'api');
  });

  it('passes everything on while unfilled (back office disabled)', async () => {
    await request(appWithParsersAfterSlot()).get('/admin').expect(404, 'api');
  });

  it('fails at boot on a slot never reserved, reserved twice, or filled twice', () => {
    expect(() => fillEarlyMount(express(), 'late', '/admin', echoRaw)).toThrow(/not reserved.*configureApp/);
    const app = appWithParsersAfterSlot();
    expect(() => reserveEarlyMount(app, 'late')).toThrow(/already reserved/);
    fillEarlyMount(app, 'late', '/admin', echoRaw);
    expect(() => fillEarlyMount(app, 'late', '/admin', echoRaw)).toThrow(/already filled/);
  });
});
