import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { ACCESS_EVENTS, type AccessGrantedEvent } from '../../access/index.js';
import { COURSE_EVENTS, type CourseViewedEvent } from '../../courses/index.js';
import { LearningMilestoneEvent, PROGRESS_EVENTS } from '../../progress/index.js';
import { AnalyticsService, type ServerEvent } from '../analytics.service.js';
import { describeErrorForLog } from '../../../common/errors/database-errors.js';

const ASYNC = { async: true, promisify: true } as const;

/**
 * Turns the learning modules' domain events into analytics rows, written server-side at the moment
 * they happen: course views and enrolments (`course_event`), class starts and completions
 * (`class_event`, plus `contest_event` for contests), video milestones (`video_event`), module
 * starts and completions (`course_event`). Like login events, a failure is logged and never breaks
 * the learner's request.
 */
@Injectable()
export class LearningEventsListener {
  private readonly logger = new Logger(LearningEventsListener.name);

  constructor(private readonly analytics: AnalyticsService) {}

  @OnEvent(COURSE_EVENTS.viewed, ASYNC)
  onCourseViewed(e: CourseViewedEvent): Promise<void> {
    return this.record([
      {
        eventType: 'course_event',
        eventAction: 'course_viewed',
        userId: e.user?.id ?? null,
        userEmail: e.user?.email ?? null,
        isLoggedIn: Boolean(e.user),
        courseId: e.courseId,
        tracking: e.tracking,
      },
    ]);
  }

  @OnEvent(ACCESS_EVENTS.granted, ASYNC)
  onAccessGranted(e: AccessGrantedEvent): Promise<void> {
    return this.record([
      {
        eventType: 'course_event',
        eventAction: 'course_enrolled',
        userId: e.userId,
        courseId: e.courseId,
        customData: { granted_by: e.grantedBy },
        tracking: e.tracking,
      },
    ]);
  }

  @OnEvent(PROGRESS_EVENTS.classStarted, ASYNC)
  onClassStarted(e: LearningMilestoneEvent): Promise<void> {
    return this.record([
      this.learner(e, 'class_event', 'class_started'),
      ...this.contest(e, 'contest_started'),
    ]);
  }

  @OnEvent(PROGRESS_EVENTS.classCompleted, ASYNC)
  onClassCompleted(e: LearningMilestoneEvent): Promise<void> {
    return this.record([
      this.learner(e, 'class_event', 'class_completed'),
      ...this.contest(e, 'contest_completed'),
    ]);
  }

  @OnEvent(PROGRESS_EVENTS.videoProgress, ASYNC)
  onVideoProgress(e: LearningMilestoneEvent): Promise<void> {
    return this.record([
      { ...this.learner(e, 'video_event', 'video_progress'), customData: { milestone: e.milestone } },
    ]);
  }

  @OnEvent(PROGRESS_EVENTS.moduleStarted, ASYNC)
  onModuleStarted(e: LearningMilestoneEvent): Promise<void> {
    return this.record([
      { ...this.learner(e, 'course_event', 'module_started'), customData: { module_id: e.moduleId } },
    ]);
  }

  @OnEvent(PROGRESS_EVENTS.moduleCompleted, ASYNC)
  onModuleCompleted(e: LearningMilestoneEvent): Promise<void> {
    return this.record([
      { ...this.learner(e, 'course_event', 'module_completed'), customData: { module_id: e.moduleId } },
    ]);
  }

  private learner(e: LearningMilestoneEvent, eventType: string, eventAction: string): ServerEvent {
    return {
      eventType,
      eventAction,
      userId: e.userId,
      userEmail: e.userEmail,
      isLoggedIn: true,
      courseId: e.courseId,
      classId: e.classId,
      customData: e.moduleId ? { module_id: e.moduleId } : null,
      tracking: e.tracking,
    };
  }

  /** Contests are also `contest_event`s, as the spec lists them. */
  private contest(e: LearningMilestoneEvent, action: string): ServerEvent[] {
    return e.contentType === 'contest' ? [this.learner(e, 'contest_event', action)] : [];
  }

  private async record(events: ServerEvent[]): Promise<void> {
    try {
      await this.analytics.recordMany(events);
    } catch (error) {
      this.logger.error(
        `could not record ${events.map((e) => e.eventAction).join(', ')}: ${describeErrorForLog(error)}`,
      );
    }
  }
}
