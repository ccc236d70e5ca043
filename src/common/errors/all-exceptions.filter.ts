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
import { isDatabaseError, isDatabaseUnavailable, summarizeDatabaseError } from './database-errors.js';
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
 * a database outage to 503 with `Retry-After`, and anything else to a 500 that is logged with the
 * request id and says nothing about internals. Database errors are logged without their values.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');
  /**
   * Shared by every instance (the API's filter and the back office's error handler): an outage is
   * one line per interval for the whole process, whichever route met it.
   */
  private static outage = { loggedAt: 0, unlogged: 0 };

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string }>();
    const res = ctx.getResponse<Response>();
    const body = toErrorBody(exception);
    // Errors raised before the logger middleware (malformed JSON) have no id yet: give them one.
    const requestId = String(req.id ?? res.getHeader('x-request-id') ?? assignRequestId(req, res));
    const where = { requestId, method: req.method, url: req.originalUrl };
    if (body.error === DATABASE_UNAVAILABLE) this.logOutage(exception, where);
    else if (body.statusCode >= 500 && isDatabaseError(exception)) {
      // No `err`: its message and stack carry the statement's values (names, e-mails).
      this.logger.error({ ...where, db: summarizeDatabaseError(exception) }, 'Database error');
    } else if (body.statusCode >= 500 && body.statusCode !== 503) {
      this.logger.error({ err: exception, ...where }, 'Unhandled error');
    }
    if (res.headersSent) return;
    const retryAfter = retryAfterSeconds(exception) ?? (body.statusCode === 503 ? RETRY_AFTER_S : undefined);
    if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
    res.status(body.statusCode).json({ ...body, requestId });
  }

  /**
   * During an outage every request fails the same way: one line (no stack) per interval, saying
   * how many requests were answered 503 since the last one.
   */
  private logOutage(exception: unknown, where: Record<string, unknown>): void {
    const now = Date.now();
    const outage = AllExceptionsFilter.outage;
    if (now - outage.loggedAt < OUTAGE_LOG_INTERVAL_MS) {
      outage.unlogged++;
      return;
    }
    const { name, code } = exception as { name?: unknown; code?: unknown };
    this.logger.error(
      { ...where, cause: { name, code }, unloggedSince: outage.unlogged },
      'Database unavailable: answering 503',
    );
    AllExceptionsFilter.outage = { loggedAt: now, unlogged: 0 };
  }
}

const DATABASE_UNAVAILABLE = 'database_unavailable';
/** Seconds a client is told to wait when the database is unavailable. */
const RETRY_AFTER_S = 5;
const OUTAGE_LOG_INTERVAL_MS = 10_000;

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
  if (isDatabaseUnavailable(exception)) {
    return {
      statusCode: 503,
      error: DATABASE_UNAVAILABLE,
      message: 'The service is temporarily unavailable; retry after Retry-After seconds',
    };
  }
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
  const name = HttpStatus[status];
  return name ? name.toLowerCase() : 'error';
}

/** Names the violated constraint (not the SQL or the values) so a client can tell which rule broke. */
function constraint(exception: Error): Pick<ErrorBody, 'details'> {
  const { constraint, table } = exception as Error & { constraint?: string; table?: string };
  const details = { constraint, table };
  return details.constraint || details.table ? { details } : {};
}
