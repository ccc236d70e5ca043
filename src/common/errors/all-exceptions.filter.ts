import {
  ForeignKeyConstraintViolationException,
  NotFoundError,
  NotNullConstraintViolationException,
  CheckConstraintViolationException,
  UniqueConstraintViolationException,
} from '@mikro-orm/core';
import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { requestId as assignRequestId } from '../../infra/logging/logging.module.js';
import { DomainError, type DomainErrorKind } from './domain-error.js';
import type { ErrorResponseDto } from './error-response.js';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

type ErrorBody = Omit<ErrorResponseDto, 'requestId'>;

/**
 * Maps every error to `{ statusCode, error, message, details?, requestId }`: our domain errors by
 * kind, Nest's HTTP exceptions by status, database constraint violations to 404/409/422, and
 * anything else to a 500 that is logged with the request id and says nothing about internals.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string }>();
    const res = ctx.getResponse<Response>();
    const body = toErrorBody(exception);
    // Errors raised before the logger middleware (malformed JSON) have no id yet: give them one.
    const requestId = String(req.id ?? res.getHeader('x-request-id') ?? assignRequestId(req, res));
    if (body.statusCode >= 500) {
      this.logger.error(
        { err: exception, requestId, method: req.method, url: req.originalUrl },
        'Unhandled error',
      );
    }
    if (res.headersSent) return;
    const retryAfter = retryAfterSeconds(exception);
    if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
    res.status(body.statusCode).json({ ...body, requestId });
  }
}

/**
 * Errors that tell the client when to try again (429 rate limits, 503 overload) carry
 * `retryAfterSeconds`; it becomes the `Retry-After` header.
 */
function retryAfterSeconds(exception: unknown): number | undefined {
  const value = (exception as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  return typeof value === 'number' ? value : undefined;
}

export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof DomainError) {
    return {
      statusCode: STATUS_BY_KIND[exception.kind],
      error: exception.code,
      message: exception.message,
      ...(exception.details ? { details: exception.details } : {}),
    };
  }
  if (exception instanceof HttpException) return fromHttpException(exception);
  if (exception instanceof NotFoundError) {
    return { statusCode: 404, error: 'not_found', message: 'Resource not found' };
  }
  if (exception instanceof UniqueConstraintViolationException) {
    return {
      statusCode: 409,
      error: 'already_exists',
      message: 'A record with these values already exists',
      ...constraint(exception),
    };
  }
  if (exception instanceof ForeignKeyConstraintViolationException) {
    return {
      statusCode: 409,
      error: 'reference_conflict',
      message: 'The record refers to, or is referred to by, another record',
      ...constraint(exception),
    };
  }
  if (
    exception instanceof NotNullConstraintViolationException ||
    exception instanceof CheckConstraintViolationException
  ) {
    return {
      statusCode: 422,
      error: 'constraint_violated',
      message: 'A value breaks a database rule',
      ...constraint(exception),
    };
  }
  const status = expressErrorStatus(exception);
  if (status) return fromHttpStatus(status, (exception as Error).message);
  return { statusCode: 500, error: 'internal_error', message: 'Internal server error' };
}

function fromHttpException(exception: HttpException): ErrorBody {
  const statusCode = exception.getStatus();
  const response = exception.getResponse();
  const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  const message = Array.isArray(raw) ? raw.join('; ') : String(raw ?? exception.message);
  return { statusCode, error: codeFor(statusCode), message };
}

/** Errors from Express middleware (body-parser: 413 too large, 400 malformed JSON, 415 charset). */
function expressErrorStatus(exception: unknown): number | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { status, statusCode, expose } = exception as {
    status?: unknown;
    statusCode?: unknown;
    expose?: unknown;
  };
  const code = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : undefined;
  return code && code >= 400 && code < 500 && expose !== false ? code : undefined;
}

function fromHttpStatus(statusCode: number, message: string): ErrorBody {
  return { statusCode, error: codeFor(statusCode), message };
}

function codeFor(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  return name ? name.toLowerCase() : 'error';
}

/** Names the violated constraint (not the SQL or the values) so a client can tell which rule broke. */
function constraint(exception: Error): Pick<ErrorBody, 'details'> {
  const { constraint, table } = exception as Error & { constraint?: string; table?: string };
  const details = { constraint, table };
  return details.constraint || details.table ? { details } : {};
}
