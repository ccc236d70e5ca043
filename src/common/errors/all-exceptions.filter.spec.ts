import { describe, expect, it } from '@jest/globals';
import { NotFoundError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { ForbiddenException } from '@nestjs/common';
import { toErrorBody } from './all-exceptions.filter.js';
import { DomainError, InvalidFieldError } from './domain-error.js';

describe('toErrorBody', () => {
  it('maps domain errors by kind, keeping code and details', () => {
    expect(toErrorBody(new DomainError('conflict', 'course.duplicate', 'Already there'))).toEqual({
      statusCode: 409,
      error: 'course.duplicate',
      message: 'Already there',
    });
    expect(toErrorBody(new InvalidFieldError('level', 'level must be one of: a, b'))).toEqual({
      statusCode: 422,
      error: 'invalid_field',
      message: 'level must be one of: a, b',
      details: [{ field: 'level', messages: ['level must be one of: a, b'] }],
    });
  });

  it('maps Nest HTTP exceptions by status', () => {
    expect(toErrorBody(new ForbiddenException('Nope'))).toEqual({
      statusCode: 403,
      error: 'forbidden',
      message: 'Nope',
    });
  });

  it('maps ORM not-found to 404 and unique violations to 409 naming the constraint', () => {
    expect(toErrorBody(NotFoundError.findOneFailed('Course', { id: 'x' })).statusCode).toBe(404);
    const pgError = Object.assign(new Error('duplicate key value violates unique constraint'), {
      constraint: 'users_email_unique',
      table: 'users',
    });
    expect(toErrorBody(new UniqueConstraintViolationException(pgError))).toMatchObject({
      statusCode: 409,
      error: 'already_exists',
      details: { constraint: 'users_email_unique', table: 'users' },
    });
  });

  it('answers anything unknown with a 500 that reveals nothing', () => {
    const body = toErrorBody(new Error('connection string postgres://secret@db failed'));
    expect(body).toEqual({ statusCode: 500, error: 'internal_error', message: 'Internal server error' });
  });

  it('passes through 4xx errors raised by Express middleware, but not 5xx ones', () => {
    expect(
      toErrorBody(Object.assign(new Error('request entity too large'), { status: 413 })).statusCode,
    ).toBe(413);
    expect(toErrorBody(Object.assign(new Error('boom'), { status: 503 })).statusCode).toBe(500);
  });
});
