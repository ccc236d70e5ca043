import type { TrackingContext } from '../../common/tracking/tracking-context.js';
import type { ContentType } from '../courses/index.js';

/**
 * Learning milestones, emitted once each at the moment they happen (after the progress write is
 * committed). The analytics module records them as class/video/contest/course events.
 */
export const PROGRESS_EVENTS = {
  classStarted: 'progress.class_started',
  classCompleted: 'progress.class_completed',
  videoProgress: 'progress.video_progress',
  moduleStarted: 'progress.module_started',
  moduleCompleted: 'progress.module_completed',
} as const;

export type ProgressEventName = (typeof PROGRESS_EVENTS)[keyof typeof PROGRESS_EVENTS];

export class LearningMilestoneEvent {
  constructor(
    readonly userId: string,
    readonly userEmail: string,
    readonly courseId: string,
    readonly moduleId: string | null,
    readonly classId: string | null,
    readonly contentType: ContentType | null,
    readonly tracking: TrackingContext,
    /** video_progress only: 25, 50 or 75 (% of the video watched). */
    readonly milestone?: 25 | 50 | 75,
  ) {}
}
