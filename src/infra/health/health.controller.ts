import { EntityManager } from '@mikro-orm/postgresql';
import { Controller, Get } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { INVALID_TOKEN_SENT, Public } from '../../common/auth/public.decorator.js';
import { ErrorResponseDto } from '../../common/errors/error-response.js';

/** Terminus's answer: `status`, and each indicator's state under `info` (up), `error` (down) and `details` (all). */
const healthSchema = (example: { status: 'ok' | 'error'; database?: 'up' | 'down' }) => {
  const indicators = {
    type: 'object' as const,
    additionalProperties: {
      type: 'object' as const,
      required: ['status'],
      properties: { status: { type: 'string' as const } },
      additionalProperties: true,
    },
  };
  const state = example.database ? { database: { status: example.database } } : {};
  return {
    type: 'object' as const,
    required: ['status', 'details'],
    properties: {
      status: { type: 'string' as const, enum: ['ok', 'error', 'shutting_down'] },
      info: indicators,
      error: indicators,
      details: indicators,
    },
    example: {
      status: example.status,
      info: example.status === 'ok' ? state : {},
      error: example.status === 'ok' ? {} : state,
      details: state,
    },
  };
};

// Terminus documents its routes itself only where it can require() @nestjs/swagger (Node 24, not
// 20): documented here instead, so the API document is the same on every runtime.
@ApiTags('health')
@Public()
@ApiUnauthorizedResponse({ type: ErrorResponseDto, description: INVALID_TOKEN_SENT })
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly em: EntityManager,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness: the process is up and serving HTTP' })
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOkResponse({ description: 'Up', schema: healthSchema({ status: 'ok' }) })
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @ApiOperation({ operationId: 'getReadiness', summary: 'Readiness: the database answers' })
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOkResponse({ description: 'Ready', schema: healthSchema({ status: 'ok', database: 'up' }) })
  @ApiServiceUnavailableResponse({
    description: 'Not ready',
    schema: healthSchema({ status: 'error', database: 'down' }),
  })
  ready() {
    return this.health.check([
      () =>
        this.indicators
          .check('database')
          .attempt(async () => {
            await this.em.getConnection().execute('select 1');
          })
          .withTimeout(3000),
    ]);
  }
}
