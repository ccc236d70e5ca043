/**
 * Base class for every error a module raises on purpose. Each module defines its own codes
 * (`<module>.errors.ts`); the global exception filter maps the kind to an HTTP status, so services
 * never think in status codes.
 */
export type DomainErrorKind =
  | 'validation' // 400: the request is malformed
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409: clashes with the current state
  | 'unprocessable' // 422: well-formed but breaks a business rule
  | 'rate_limited' // 429
  | 'unavailable'; // 503: a dependency (mail, database) cannot serve now

export interface FieldProblem {
  field: string;
  messages: string[];
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details?: FieldProblem[] | Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A field value breaks a rule of the schema (enum, format) where a row is written. */
export class InvalidFieldError extends DomainError {
  constructor(field: string, message: string) {
    super('unprocessable', 'invalid_field', message, [{ field, messages: [message] }]);
  }
}

export function assertOneOf<T extends string>(
  field: string,
  value: string | null | undefined,
  allowed: readonly T[],
  { nullable = false }: { nullable?: boolean } = {},
): void {
  if (value === null || value === undefined) {
    if (nullable) return;
    throw new InvalidFieldError(field, `${field} is required`);
  }
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InvalidFieldError(field, `${field} must be one of: ${allowed.join(', ')}`);
  }
}
