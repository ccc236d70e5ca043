import type { EntityManager } from '@mikro-orm/postgresql';
import { courseNotFound, reorderMismatch } from './courses.errors.js';

interface Ordered {
  id: string;
  order: number;
}

/**
 * Structure changes of one course (create, move, delete, reorder) take this row lock first, so
 * concurrent editors cannot interleave and leave two children with the same position.
 */
export async function lockCourse(em: EntityManager, courseId: string): Promise<void> {
  const rows = await em
    .getConnection()
    .execute(`SELECT id FROM courses WHERE id = ? FOR UPDATE`, [courseId], 'all', em.getTransactionContext());
  if (rows.length === 0) throw courseNotFound(courseId);
}

/** Position for a new child: after the last one. */
export const nextOrder = (siblings: Ordered[]) => siblings.reduce((max, s) => Math.max(max, s.order), 0) + 1;

/** Positions 1..n in the given sequence (after a delete or a move, so there are no gaps). */
export function renumber(siblings: Ordered[]): void {
  siblings.forEach((s, i) => (s.order = i + 1));
}

/** Applies a complete new order; the list must be exactly the current children (422 otherwise). */
export function applyOrder<T extends Ordered>(siblings: T[], ids: string[]): void {
  const byId = new Map(siblings.map((s) => [s.id, s]));
  if (ids.length !== siblings.length || ids.some((id) => !byId.has(id)))
    throw reorderMismatch(siblings.length);
  ids.forEach((id, i) => (byId.get(id)!.order = i + 1));
}
