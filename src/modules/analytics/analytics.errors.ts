import { HttpStatus, ServiceUnavailableException } from '@nestjs/common';

/**
 * The ingestion queue is full: the client should retry after `retryAfterSeconds` (the exception
 * filter sends it as the `Retry-After` header). Bounding the queue keeps memory flat when PostgreSQL falls behind.
 */
export class IngestionOverloadedError extends ServiceUnavailableException {
  readonly retryAfterSeconds = 1;

  constructor() {
    super({
      statusCode: HttpStatus.SERVICE_UNAVAILABLE,
      message: 'Too many events waiting to be written: retry shortly',
    });
  }
}
