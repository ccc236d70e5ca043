import { afterEach, describe, expect, it } from '@jest/globals';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { RequestListener } from 'node:http';
import request from 'supertest';
import { serveAheadOfExpress } from './serve-ahead-of-express.js';

@Controller()
class PingController {
  @Get('ping')
  ping() {
    return { from: 'nest' };
  }
}

@Module({ controllers: [PingController] })
class PingModule {}

/** What serve-ahead-of-express.ts relies on, on a bare Nest app of the installed version. */
describe('serveAheadOfExpress on the server Nest creates', () => {
  let app: NestExpressApplication | undefined;
  afterEach(async () => app?.close());

  const create = async () => {
    app = await NestFactory.create<NestExpressApplication>(PingModule, { logger: false });
    return app;
  };

  it('Nest makes the Express app the HTTP server’s only request listener', async () => {
    const nest = await create();
    expect(nest.getHttpServer().listeners('request')).toEqual([nest.getHttpAdapter().getInstance()]);
  });

  it('answers what it takes without Express, hands the rest to Nest', async () => {
    const nest = await create();
    const expressApp = nest.getHttpAdapter().getInstance() as unknown as RequestListener & {
      handle: RequestListener;
    };
    serveAheadOfExpress(nest.getHttpServer(), expressApp, (req, res) => {
      if (req.url !== '/fast') return false;
      res.end('fast');
      return true;
    });
    await nest.init();
    const seen: string[] = [];
    const handle = expressApp.handle;
    expressApp.handle = function (this: unknown, req, res) {
      seen.push(req.url ?? '');
      return handle.call(this, req, res);
    };
    await request(nest.getHttpServer()).get('/fast').expect(200, 'fast');
    await request(nest.getHttpServer()).get('/ping').expect(200, { from: 'nest' });
    expect(seen).toEqual(['/ping']);
  });

  it('fails at boot, naming the file, when the server has another listener or none of Express', async () => {
    const nest = await create();
    const server = nest.getHttpServer();
    const expressApp = nest.getHttpAdapter().getInstance() as RequestListener;
    const never = () => false;
    expect(() => serveAheadOfExpress(server, () => undefined, never)).toThrow(/serve-ahead-of-express\.ts/);
    server.on('request', function extra() {});
    expect(() => serveAheadOfExpress(server, expressApp, never)).toThrow(/found 2 listener/);
  });
});
