import type { EntityManager } from '@mikro-orm/postgresql';
import { CourseAccess } from '../modules/access/entities/course-access.entity.js';
import { UserProgress } from '../modules/progress/entities/user-progress.entity.js';
import { insertIgnoringConflicts } from './insert.js';
import type { JourneyResults } from './journeys.js';
import type { Timeline } from './timeline.js';
import type { UserIdResolver } from './users.seeder.js';

type AccessRow = Pick<CourseAccess, 'id' | 'grantedAt'> & { user: string; course: string };
type ProgressRow = Pick<
  UserProgress,
  'id' | 'watchedDuration' | 'lastPosition' | 'isCompleted' | 'lastWatchedAt' | 'completedAt'
> & { user: string; courseClass: string };

export interface LearningCounts {
  courseAccess: number;
  userProgress: number;
}

/** Enrolments and progress rows from the simulated journeys (see journeys.ts). */
export async function seedLearning(
  em: EntityManager,
  journeys: Pick<JourneyResults, 'enrolments' | 'progress'>,
  resolveUserId: UserIdResolver,
  timeline: Timeline,
): Promise<LearningCounts> {
  const access: AccessRow[] = journeys.enrolments.map((enrolment) => ({
    id: enrolment.id,
    user: resolveUserId(enrolment.userId),
    course: enrolment.courseId,
    grantedAt: timeline.toDate(enrolment.grantedAt),
  }));

  const progress: ProgressRow[] = journeys.progress.map((draft) => {
    if (draft.lastPosition !== null && draft.lastPosition > draft.duration) {
      throw new Error(`Progress ${draft.id}: last_position ${draft.lastPosition} is past the class end`);
    }
    return {
      id: draft.id,
      user: resolveUserId(draft.userId),
      courseClass: draft.classId,
      watchedDuration: draft.watchedDuration,
      lastPosition: draft.lastPosition,
      isCompleted: draft.isCompleted,
      lastWatchedAt: timeline.toDate(draft.lastWatchedAt),
      completedAt: draft.completedAt === null ? null : timeline.toDate(draft.completedAt),
    };
  });

  return {
    courseAccess: await insertIgnoringConflicts(em, CourseAccess, access),
    userProgress: await insertIgnoringConflicts(em, UserProgress, progress),
  };
}
