import { DomainError } from '../../common/errors/domain-error.js';

export const courseNotFound = (id: string) =>
  new DomainError('not_found', 'course_not_found', `No course with id ${id}`);

export type CatalogItemKind = 'module' | 'topic' | 'class';

/**
 * Also used when the item exists but belongs to another course than the one in the path. When the
 * id came in a body field (a topic's `moduleId`, a class's `topicId`), `details` names that field.
 */
export const itemNotFound = (kind: CatalogItemKind, id: string, field?: string) =>
  new DomainError(
    'not_found',
    `${kind}_not_found`,
    `No ${kind} with id ${id} in this course`,
    field ? [{ field, messages: [`must be a ${kind} of this course`] }] : undefined,
  );

export const reorderMismatch = (expected: number) =>
  new DomainError(
    'unprocessable',
    'reorder_mismatch',
    `The list must contain exactly the ${expected} current children, each once`,
    [{ field: 'ids', messages: ['must be exactly the current children, each once'] }],
  );
