import type { ContentType } from '../courses/index.js';

/** The row as it was before this heartbeat (fresh row: zeros). */
export interface ProgressState {
  watched: number;
  isCompleted: boolean;
  completedAt: Date | null;
  /** Seconds since the previous heartbeat; null for the first one. */
  secondsSinceLast: number | null;
}

export interface HeartbeatRules {
  completionThreshold: number;
  heartbeatSlackSeconds: number;
  maxWatchMultiple: number;
}

export interface HeartbeatOutcome {
  watched: number;
  isCompleted: boolean;
  completedAt: Date | null;
  completedNow: boolean;
  /** Video milestones (25/50/75 %) crossed by this heartbeat: each happens once per user and class. */
  milestones: (25 | 50 | 75)[];
}

const MILESTONES = [25, 50, 75] as const;

/**
 * Pure rules of one heartbeat. Watched time grows by what the player reports, but never faster
 * than wall-clock time (plus slack) and never beyond a multiple of the class duration. A video
 * completes at the threshold share of its duration; text and contest classes when the learner says
 * so. Completion is never undone and its timestamp never moves.
 */
export function applyHeartbeat(
  before: ProgressState,
  report: { watchedSeconds: number; completed?: boolean },
  lesson: { contentType: ContentType; duration: number },
  rules: HeartbeatRules,
  now: Date,
): HeartbeatOutcome {
  const wallClockCap = (before.secondsSinceLast ?? 0) + rules.heartbeatSlackSeconds;
  const added = Math.min(report.watchedSeconds, Math.max(0, Math.floor(wallClockCap)));
  const ceiling = Math.max(before.watched, lesson.duration * rules.maxWatchMultiple);
  const watched = Math.min(before.watched + added, ceiling);

  const reached =
    lesson.contentType === 'video'
      ? watched >= Math.ceil(lesson.duration * rules.completionThreshold)
      : report.completed === true;
  const completedNow = !before.isCompleted && reached;
  const milestones =
    lesson.contentType === 'video' && lesson.duration > 0
      ? MILESTONES.filter(
          (m) => before.watched * 100 < m * lesson.duration && watched * 100 >= m * lesson.duration,
        )
      : [];
  return {
    watched,
    isCompleted: before.isCompleted || reached,
    completedAt: before.completedAt ?? (completedNow ? now : null),
    completedNow,
    milestones,
  };
}
