import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthFailureLogger } from './health-failure-logger.js';
import { HealthController } from './health.controller.js';

@Module({
  imports: [TerminusModule.forRoot({ logger: HealthFailureLogger })],
  controllers: [HealthController],
})
export class HealthModule {}
