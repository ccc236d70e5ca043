import {
  CheckConstraintViolationException,
  DriverException,
  ForeignKeyConstraintViolationException,
  NotNullConstraintViolationException,
  UniqueConstraintViolationException,
  type EntityMetadata,
} from '@mikro-orm/core';
import { ValidationError } from 'adminjs';
import { DomainError } from '../../../common/errors/domain-error.js';
import type { FieldError } from './param-coercion.js';

/**
 * Why a back-office write failed, as AdminJS shows it on the form: errors on fields where we can
 * tell which field, otherwise a message at the top. The stock adapter only recognises TypeORM's
 * error names and answers success for every other database error; here every rule of ours
 * (domain errors from entity hooks and write rules) and every constraint of the database is
 * reported. Anything else is not a validation problem and is rethrown (a 500, logged).
 */
export function toValidationError(error: unknown, meta: EntityMetadata): ValidationError | undefined {
  if (error instanceof ValidationError) return error;
  if (error instanceof DomainError) {
    const fields = Array.isArray(error.details) ? error.details : [];
    const propertyErrors = Object.fromEntries(
      fields.map((f) => [
        f.field,
        {
          message: f.messages.join('; '),
          type: error.code,
        } satisfies FieldError,
      ]),
    );
    return new ValidationError(propertyErrors, {
      message: error.message,
      type: error.code,
    });
  }
  if (!(error instanceof DriverException)) return undefined;
  const driver = error as DriverException & {
    detail?: string;
    column?: string;
    constraint?: string;
  };
  const columns = keyColumns(driver.detail);
  const field = (column: string | undefined) => (column ? propertyOfColumn(meta, column) : undefined);
  if (error instanceof UniqueConstraintViolationException) {
    const message = `A record with ${columns.length ? columns.map((c) => field(c) ?? c).join(' + ') : 'these values'} already exists`;
    return fieldErrors(columns.map(field), message, 'unique');
  }
  if (error instanceof ForeignKeyConstraintViolationException) {
    const referenced = /is still referenced/.test(driver.detail ?? '');
    const message = referenced
      ? 'Other records still refer to this one'
      : `${columns.map((c) => field(c) ?? c).join(', ') || 'A reference'}: the referenced record does not exist`;
    return fieldErrors(referenced ? [] : columns.map(field), message, 'reference');
  }
  if (error instanceof NotNullConstraintViolationException) {
    const name = field(driver.column) ?? driver.column;
    return fieldErrors([name], `${name ?? 'A field'} is required`, 'required');
  }
  if (error instanceof CheckConstraintViolationException) {
    return new ValidationError(
      {},
      {
        message: `The value breaks the database rule ${driver.constraint ?? ''}`.trim(),
        type: 'check',
      },
    );
  }
  // Other refusals (a value of the wrong type, too long, …): PostgreSQL's own sentence, without the SQL.
  return new ValidationError(
    {},
    {
      message: `The database refused the change: ${databaseReason(error.message)}`,
      type: 'database',
    },
  );
}

function fieldErrors(fields: (string | undefined)[], message: string, type: string): ValidationError {
  const named = fields.filter((f): f is string => Boolean(f));
  return new ValidationError(Object.fromEntries(named.map((f) => [f, { message, type }])), { message, type });
}

/** `Key (user_id, course_id)=(…) already exists.` → ['user_id', 'course_id'] */
function keyColumns(detail: string | undefined): string[] {
  const columns = /Key \(([^)]+)\)/.exec(detail ?? '')?.[1];
  return columns ? columns.split(',').map((c) => c.trim().replace(/"/g, '')) : [];
}

function propertyOfColumn(meta: EntityMetadata, column: string): string | undefined {
  return meta.props.find((p) => p.fieldNames?.includes(column))?.name;
}

/** MikroORM prefixes the driver's message with the SQL; the reason is the part after the last " - ". */
function databaseReason(message: string): string {
  return (message.split(' - ').pop() ?? message).trim();
}
