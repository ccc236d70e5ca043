import { DomainError } from '../../common/errors/domain-error.js';

export const courseNotFound = (id: string) =>
  new DomainError('not_found', 'course_not_found', `No course with id ${id}`);

/** Also used when the item exists but belongs to another course than the one in the path. */
export const itemNotFound = (kind: 'module' | 'topic' | 'class', id: string) =>
  new DomainError('not_found', `${kind}_not_found`, `No ${kind} with id ${id} in this course`);

export const reorderMismatch = (expected: number) =>
  new DomainError(
    'unprocessable',
    'reorder_mismatch',
    `The list must contain exactly the ${expected} current children, each once`,
    [{ field: 'ids', messages: ['must be exactly the current children, each once'] }],
  );
