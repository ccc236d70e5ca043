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

const byOrder = (a: Ordered, b: Ordered) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Positions 1..n in the given sequence (after a delete or a move, so there are no gaps). */
export function renumber(siblings: Ordered[]): void {
  siblings.forEach((s, i) => (s.order = i + 1));
}

/**
 * Puts `item` at `position` among `siblings` (the parent's children, with or without the item) and
 * renumbers them all 1..n: the children from that position on move down one. No position, or one
 * past the end, puts it last; a position below 1 or beyond the end is clamped.
 */
export function placeAt<T extends Ordered>(siblings: T[], item: T, position?: number): void {
  const others = siblings.filter((s) => s.id !== item.id).sort(byOrder);
  const last = others.length + 1;
  const at = position === undefined ? last : Math.min(Math.max(Math.trunc(position), 1), last);
  others.splice(at - 1, 0, item);
  renumber(others);
}

/** Closes the gap `item` leaves among `siblings` when it moves away (or is deleted). */
export function closeGap(siblings: Ordered[], item: Ordered): void {
  renumber(siblings.filter((s) => s.id !== item.id).sort(byOrder));
}

/** Applies a complete new order; the list must be exactly the current children (422 otherwise). */
export function applyOrder<T extends Ordered>(siblings: T[], ids: string[]): void {
  const byId = new Map(siblings.map((s) => [s.id, s]));
  const listed = ids.map((id) => byId.get(id)).filter((s): s is T => s !== undefined);
  if (ids.length !== siblings.length || listed.length !== ids.length || new Set(ids).size !== ids.length)
    throw reorderMismatch(siblings.length);
  renumber(listed);
}
