import { DomainError } from '../../../common/errors/domain-error.js';
import type { WriteContext } from './backoffice-resource.js';

const idOf = (value: unknown): unknown =>
  value !== null && typeof value === 'object' && 'id' in value ? value.id : value;

/**
 * A row that belongs to a learner (an access grant, a progress record) keeps its learner and its
 * course or class once created: editing it cannot move one person's access or history to another
 * (delete it and create a new one instead, which the lists show as such).
 */
export function keepOwnerFields(fields: readonly string[]) {
  return async ({ isNew, changes, previous }: WriteContext): Promise<void> => {
    if (isNew) return;
    const moved = fields.filter((f) => f in changes && idOf(changes[f]) !== idOf(previous[f]));
    if (moved.length === 0) return;
    const message = 'Cannot be changed once the record exists: delete it and create a new one';
    throw new DomainError(
      'unprocessable',
      'invalid_field',
      message,
      moved.map((field) => ({ field, messages: [message] })),
    );
  };
}
