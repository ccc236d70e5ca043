import type { ContentType } from '../modules/courses/index.js';
import type { CatalogClass } from './catalog.js';
import type { Rng } from './random.js';
import type { SessionWriter } from './session-writer.js';
import { SECOND, seconds } from './timeline.js';

/** One `user_progress` row while it is being simulated (times are virtual, see timeline.ts). */
export interface ProgressDraft {
  readonly id: string;
  readonly userId: string;
  readonly classId: string;
  readonly contentType: ContentType;
  /** Class length in seconds, to keep watched time plausible. */
  readonly duration: number;
  watchedDuration: number;
  lastPosition: number | null;
  isCompleted: boolean;
  lastWatchedAt: number;
  completedAt: number | null;
}

/** Rewinds and pauses count as time spent, but nobody spends more than 1.2× the class length. */
const MAX_WATCH_FACTOR = 1.2;
const VIDEO_MILESTONES = [25, 50, 75, 100] as const;

export const classPath = (cls: CatalogClass): string => `/courses/${cls.courseId}/classes/${cls.id}`;

/**
 * One sitting on one class: opens it, plays / reads / attempts it, and updates the progress row.
 * A class left unfinished keeps its resume point. `quitting` forces the sitting to end unfinished
 * (the learner is about to give up on the course). Returns whether the class is now completed.
 */
export function takeClass(
  w: SessionWriter,
  rng: Rng,
  cls: CatalogClass,
  row: ProgressDraft,
  quitting: boolean,
): boolean {
  const ids = { courseId: cls.courseId, classId: cls.id };
  const firstSitting = row.watchedDuration === 0;
  w.wait(rng.int(2, 8) * SECOND);
  w.view(classPath(cls), ids);
  if (firstSitting) {
    if (cls.startsModule && cls.moduleId) {
      w.emit({
        type: 'course_event',
        action: 'module_started',
        courseId: cls.courseId,
        data: { module_id: cls.moduleId },
      });
    }
    w.emit({ type: 'class_event', action: 'class_started', ...ids, data: { content_type: cls.contentType } });
  }

  let spent: number;
  let completed: boolean;
  switch (cls.contentType) {
    case 'video':
      [spent, completed] = watchVideo(w, rng, cls, row, quitting);
      break;
    case 'text':
      completed = !quitting && rng.chance(0.88);
      spent = cls.duration * (completed ? rng.float(0.6, 1.15) : rng.float(0.1, 0.5));
      w.wait(seconds(spent));
      if (completed) w.click('mark_as_complete', null, ids);
      break;
    case 'contest':
      [spent, completed] = attemptContest(w, rng, cls, firstSitting, quitting);
      break;
  }

  row.watchedDuration = Math.min(
    Math.round(row.watchedDuration + spent),
    Math.floor(cls.duration * MAX_WATCH_FACTOR),
  );
  // At least one second: a started row must never look like a first sitting again.
  row.watchedDuration = Math.max(row.watchedDuration, 1);
  row.lastWatchedAt = w.now;
  if (!completed) return false;

  // completed_at is the moment of the last progress update, so it equals last_watched_at.
  row.isCompleted = true;
  row.completedAt = w.now;
  w.emit({
    type: 'class_event',
    action: 'class_completed',
    ...ids,
    data: { content_type: cls.contentType, watched_seconds: row.watchedDuration },
  });
  if (cls.endsModule && cls.moduleId) {
    w.emit({
      type: 'course_event',
      action: 'module_completed',
      courseId: cls.courseId,
      data: { module_id: cls.moduleId },
    });
  }
  return true;
}

/** Plays from the resume point, firing a video_progress event at each 25% milestone it crosses. */
function watchVideo(
  w: SessionWriter,
  rng: Rng,
  cls: CatalogClass,
  row: ProgressDraft,
  quitting: boolean,
): [number, boolean] {
  const ids = { courseId: cls.courseId, classId: cls.id };
  const from = row.lastPosition ?? 0;
  const completed = !quitting && rng.chance(0.8);
  const to = completed ? cls.duration : Math.round(from + (cls.duration - from) * rng.float(0.1, 0.85));
  // Wall-clock time per second of video: pauses and rewinds (>1) or a faster playback speed (<1).
  const pace = rng.float(0.9, 1.15);
  w.click('play_video', null, { ...ids, data: { position_seconds: from } });

  let position = from;
  for (const milestone of VIDEO_MILESTONES) {
    const at = Math.round((cls.duration * milestone) / 100);
    if (at <= from || at > to) continue;
    w.wait(seconds((at - position) * pace));
    position = at;
    w.emit({
      type: 'video_event',
      action: 'video_progress',
      ...ids,
      data: { milestone, position_seconds: at, duration_seconds: cls.duration },
    });
  }
  w.wait(seconds((to - position) * pace));
  row.lastPosition = to;
  return [(to - from) * pace, completed];
}

/** Opens the contest; a submitted attempt reports its score. */
function attemptContest(
  w: SessionWriter,
  rng: Rng,
  cls: CatalogClass,
  firstSitting: boolean,
  quitting: boolean,
): [number, boolean] {
  const ids = { courseId: cls.courseId, classId: cls.id };
  w.click('start_contest', cls.contestUrl, ids);
  if (firstSitting) {
    w.emit({
      type: 'contest_event',
      action: 'contest_started',
      ...ids,
      data: { contest_url: cls.contestUrl },
    });
  }
  const completed = !quitting && rng.chance(0.65);
  const spent = cls.duration * (completed ? rng.float(0.45, 1.0) : rng.float(0.1, 0.6));
  w.wait(seconds(spent));
  if (completed) {
    // Most submissions score well; a long tail does not pass.
    const score = Math.round(100 * (1 - rng.next() ** 2 * 0.7));
    w.emit({
      type: 'contest_event',
      action: 'contest_completed',
      ...ids,
      data: { score, max_score: 100, passed: score >= 60, time_taken_seconds: Math.round(spent) },
    });
  }
  return [spent, completed];
}
