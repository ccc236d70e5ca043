import { Logger as NestLogger, type INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import bodyParser from 'body-parser';
import cors from 'cors';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { API_KEY_SECURITY_SCHEME } from '../common/auth/api-key.js';
import { PUBLIC_SECURITY } from '../common/auth/public.decorator.js';
import { createValidationPipe } from '../common/validation/validation.js';
import type { AppConfig } from '../infra/config/app-config.js';
import { bodyLimitBytes } from '../infra/http/body-limit.js';
import { favicon } from '../infra/http/favicon.js';
import { HostileInputPipe } from '../infra/http/hostile-input.js';
import { AnalyticsService, ingestRouteErrors, installIngestRoute } from '../modules/analytics/index.js';
import { AccessTokenVerifier } from '../modules/users/index.js';
import { instrumentHttpServer } from '../infra/metrics/http-metrics.js';
import { MetricsService } from '../infra/metrics/metrics.service.js';
import { BACK_OFFICE_MOUNT, reserveEarlyMount } from '../infra/http/early-mount.js';

/**
 * Everything about the HTTP surface that is not a route: used by `main.ts` and by the e2e tests, so
 * tests exercise exactly what production serves.
 */
export function configureApp(app: NestExpressApplication, config: AppConfig): INestApplication {
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.http.trustProxy);
  app.disable('x-powered-by');
  // Before everything: the back office's router, mounted later by its module (see early-mount.ts).
  reserveEarlyMount(app.getHttpAdapter().getInstance(), BACK_OFFICE_MOUNT);
  // First: a request the ingestion route (below) failed goes straight to the exception filter.
  app.use(ingestRouteErrors);
  app.useBodyParser('json', { limit: config.http.bodyLimit });
  app.useBodyParser('urlencoded', { limit: config.http.bodyLimit, extended: false });
  const securityHeaders = helmet({
    // Swagger UI (and later the back office) run inline scripts and styles from this origin.
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'", "'unsafe-inline'"],
        'style-src': ["'self'", "'unsafe-inline'", 'https:'],
        'img-src': ["'self'", 'data:', 'https:'],
      },
    },
  });
  app.use(securityHeaders);
  app.use(favicon);
  // What app.enableCors() does, with the middleware kept for the ingestion route.
  const corsHeaders = cors({
    origin: config.http.corsOrigins,
    credentials: true,
    exposedHeaders: ['X-Request-Id', 'Retry-After'],
    maxAge: 600,
  });
  app.use(corsHeaders);
  // Event ingestion, the busiest route, is answered by the HTTP server ahead of Express and Nest.
  const analytics = app.get(AnalyticsService);
  const tokens = app.get(AccessTokenVerifier);
  installIngestRoute(app, {
    ingest: (body, user) => analytics.ingest(body, user),
    verifyAuthorization: (authorization) => tokens.verify(authorization),
    securityHeaders,
    cors: { middleware: corsHeaders, origins: config.http.corsOrigins },
    parseJson: bodyParser.json({ limit: config.http.bodyLimit }),
    bodyLimit: bodyLimitBytes(config.http.bodyLimit),
    logger: new NestLogger('Ingestion'),
  });
  // After the ingestion route took the server's one listener (serve-ahead-of-express checks that):
  // a second listener that only times each request, whoever answers it.
  instrumentHttpServer(app.getHttpServer(), app.get(MetricsService));
  app.useGlobalPipes(new HostileInputPipe(), createValidationPipe());
  setupSwagger(app);
  return app;
}

function setupSwagger(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Course platform API')
    .setDescription(
      'REST API for the course platform web and mobile apps. Errors always answer ' +
        '`{ statusCode, error, message, details?, requestId }`. Generating a client: docs/openapi.md.',
    )
    .setVersion('1.0')
    .addServer('/', 'The origin that serves this document')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'An access token, from POST /auth/otp/verify or POST /auth/refresh',
      },
      'bearer',
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'cpk_…',
        description:
          'An API key for a reporting job (`npm run api-key:create`, or the back office): scope ' +
          '`reports:read` opens the /analytics/reports routes, JSON and CSV',
      },
      API_KEY_SECURITY_SCHEME,
    )
    .build();
  // package.json says UNLICENSED: proprietary, no rights granted to others (npm's definition, linked).
  config.info.license = {
    name: 'UNLICENSED (proprietary)',
    url: 'https://docs.npmjs.com/cli/configuring-npm/package-json#license',
  };
  const document = SwaggerModule.createDocument(app, config, {
    // Every operation names its own operationId (`@ApiOperation`); this default only shows up for
    // one that does not, and test/openapi-lint refuses it.
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey}_${methodKey}`,
  });
  settlePublicSecurity(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

/** `@Public()` routes: the stand-in requirement it documents becomes the real one (public.decorator.ts). */
function settlePublicSecurity(document: OpenAPIObject): void {
  const has = (security: OpenAPIObject['security'], name: string) =>
    security?.some((requirement) => name in requirement) ?? false;
  for (const item of Object.values(document.paths))
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (!operation) continue;
      if (has(operation.security, PUBLIC_SECURITY.optionalToken)) operation.security = [{}, { bearer: [] }];
      else if (has(operation.security, PUBLIC_SECURITY.none)) operation.security = [];
    }
}
