import { assertNonNegativeInt } from '../courses/index.js';

export interface Completion {
  isCompleted: boolean;
  completedAt: Date | null;
  watchedDuration: number;
  lastPosition: number | null;
}

/**
 * Completion timestamps follow the flag, whoever writes the row: completing stamps `completedAt`
 * (keeping an earlier stamp), un-completing clears it. Durations and positions are never negative.
 */
export function applyCompletionRules(progress: Completion, now: Date = new Date()): void {
  assertNonNegativeInt('watchedDuration', progress.watchedDuration);
  assertNonNegativeInt('lastPosition', progress.lastPosition);
  if (progress.isCompleted) progress.completedAt ??= now;
  else progress.completedAt = null;
}
