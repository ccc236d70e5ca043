import {
  Controller,
  Get,
  Header,
  Headers,
  Inject,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AuthenticatesItself } from '../../common/auth/public.decorator.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MetricsService } from './metrics.service.js';

/**
 * `GET /metrics` for Prometheus, behind a bearer token (`METRICS_TOKEN`) rather than a second port
 * bound to localhost: instances run in containers behind a load balancer, where Prometheus scrapes
 * each one over the network, and a localhost port would be out of its reach. Without a token
 * configured the route does not exist (404): metrics name routes, pools and job timings, which are
 * nobody's business by default. Not an access token: Prometheus cannot log in by e-mail.
 */
@ApiExcludeController()
@AuthenticatesItself()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  scrape(@Headers('authorization') authorization: string | undefined): Promise<string> {
    const token = this.config.metricsToken;
    if (!token) throw new NotFoundException('Cannot GET /metrics');
    if (!sameSecret(/^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '', token))
      throw new UnauthorizedException(
        'A valid metrics token is required (Authorization: Bearer <METRICS_TOKEN>)',
      );
    return this.metrics.render();
  }
}

/** Compares hashes, so neither the length nor the content of the token leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
