import { DomainError } from '../../common/errors/domain-error.js';

export const positionBeyondEnd = (duration: number) =>
  new DomainError('validation', 'validation_failed', 'Invalid request: lastPosition', [
    { field: 'lastPosition', messages: [`lastPosition must not exceed the class duration (${duration} s)`] },
  ]);

export const staffOnlyParameter = (name: string) =>
  new DomainError('forbidden', 'forbidden', `Only staff may use ${name}`);
