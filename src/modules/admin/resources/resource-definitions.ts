import type { EntityClass } from '@mikro-orm/core';
import type { ResourceOptions } from 'adminjs';
import { ROLES } from '../../../common/auth/auth-user.js';
import { AuditEvent } from '../../../infra/audit/audit-event.entity.js';
import { RateLimitCounter } from '../../../infra/rate-limit/rate-limit-counter.entity.js';
import { CourseAccess } from '../../access/entities/course-access.entity.js';
import { CourseEnrolmentDay } from '../../access/entities/course-enrolment-day.entity.js';
import { PLATFORMS } from '../../analytics/analytics.constants.js';
import { RELATIVE_RANGES } from '../../analytics/delivery/relative-range.js';
import { ReportDelivery, ReportSubscription, type ReportDeliveryService } from '../../analytics/index.js';
import {
  AnalyticsEvent,
  AnalyticsEventId,
  DAILY_AGGREGATE_ENTITIES,
  REPORT_AGGREGATE_ENTITIES,
  RollupLedgerEntry,
} from '../../analytics/entities/index.js';
import {
  CONTENT_TYPES,
  COURSE_LEVELS,
  COURSE_TYPES,
  CatalogVersion,
  Course,
  CourseClass,
  CourseModule,
  Topic,
} from '../../courses/index.js';
import { ClassWatchDay } from '../../progress/entities/class-watch-day.entity.js';
import { UserCourseProgress } from '../../progress/entities/user-course-progress.entity.js';
import { UserProgress } from '../../progress/entities/user-progress.entity.js';
import { OtpCode } from '../../users/entities/otp-code.entity.js';
import { ApiKey } from '../../users/api-keys/api-key.entity.js';
import { RefreshToken } from '../../users/entities/refresh-token.entity.js';
import { User } from '../../users/entities/user.entity.js';
import { Components } from '../admin-components.js';
import { AdminSession } from '../entities/admin-session.entity.js';
import type { AccessPreset, Actions } from './access.js';
import type { ResourceBehaviour } from './backoffice-resource.js';
import type { CatalogWrites } from './catalog-writes.js';
import type { UserWrites } from './user-writes.js';
import { beforeSubscriptionWrite } from '../rules/subscription-write-rules.js';
import { keepOwnerFields } from './row-owner.js';

export const NAVIGATION = {
  People: { name: 'People', icon: 'Users' },
  Catalog: { name: 'Catalog', icon: 'Book' },
  Learning: { name: 'Learning', icon: 'TrendingUp' },
  Analytics: { name: 'Analytics', icon: 'BarChart2' },
  System: { name: 'System', icon: 'Settings' },
} as const;

export interface ResourceDependencies {
  catalog: CatalogWrites;
  deliveries: ReportDeliveryService;
  users: UserWrites;
  eventsWindowDays: number;
}

export interface ResourceDefinition {
  entity: EntityClass<object>;
  group: keyof typeof NAVIGATION;
  access: AccessPreset;
  options?: Omit<ResourceOptions, 'navigation' | 'actions'>;
  /** Per-action options over the access preset (labels, confirmations, extra limits). */
  actions?: Actions;
  behaviour?: (deps: ResourceDependencies) => ResourceBehaviour;
}

const values = (list: readonly string[]) => list.map((value) => ({ value, label: value }));
const onlyIn = (...where: ('list' | 'show' | 'edit' | 'filter')[]) => ({
  list: where.includes('list'),
  show: where.includes('show'),
  edit: where.includes('edit'),
  filter: where.includes('filter'),
});
const json = {
  components: { edit: Components.JsonEdit, show: Components.JsonShow },
  isVisible: onlyIn('show', 'edit'),
};
const markdown = {
  components: { edit: Components.MarkdownEdit, show: Components.MarkdownShow },
  isVisible: onlyIn('show', 'edit'),
};
/** Display order among the siblings, applied by the authoring service as in the API. */
const ORDER_FIELD = {
  description:
    'Position (1 = first): the ones from there on move down one. Empty: last (new, or moved to ' +
    'another parent), unchanged (edit).',
  isRequired: false,
};
const contentField = (contentType: string, custom: Record<string, unknown> = {}) => ({
  components: { edit: Components.ContentFieldEdit },
  custom: { contentType, ...custom },
});
const newestFirst = (sortBy: string) => ({
  sortBy,
  direction: 'desc' as const,
});

/** Id columns of the aggregates that name a user or a catalog row: listed as its title, linked. */
const AGGREGATE_REFERENCES = {
  userId: 'users',
  courseId: 'courses',
  moduleId: 'modules',
  topicId: 'topics',
  classId: 'classes',
} as const;

/**
 * Every table the back office shows, one entry each: adding a table is adding a line here (the
 * analytics aggregates and the rollup ledger join the Analytics group, read-only, the same way).
 */
export const RESOURCE_DEFINITIONS: ResourceDefinition[] = [
  {
    entity: User,
    group: 'People',
    access: 'manage',
    options: {
      titleProperty: 'email',
      listProperties: ['email', 'name', 'role', 'emailVerified', 'createdAt'],
      filterProperties: ['email', 'name', 'role', 'createdAt'],
      editProperties: ['email', 'name', 'image', 'emailVerified', 'role'],
      showProperties: ['email', 'name', 'role', 'image', 'emailVerified', 'createdAt', 'updatedAt', 'id'],
      sort: newestFirst('createdAt'),
      properties: {
        role: {
          availableValues: values(ROLES),
          description: 'Only an admin changes roles; the user’s sessions end at once.',
        },
      },
    },
    actions: {
      // Only admins delete users (through the users service: never yourself; cascades to their data).
      delete: {
        isAccessible: ({ currentAdmin }) => currentAdmin?.role === 'admin',
        guard:
          'Delete this user? Their enrolments, progress and login sessions are deleted with them. ' +
          'Their analytics events stay (history keeps its rows and user id).',
      },
      bulkDelete: { isAccessible: false },
    },
    behaviour: ({ users }) => ({
      enumFields: ['role'],
      filters: { alsoSearch: { email: ['name'] } },
      beforeWrite: (ctx) => users.beforeWrite(ctx),
      delete: (id, admin) => users.delete(id, admin),
    }),
  },
  {
    entity: CourseAccess,
    group: 'People',
    access: 'manage',
    options: {
      listProperties: ['user', 'course', 'grantedAt'],
      filterProperties: ['user', 'course', 'grantedAt'],
      editProperties: ['user', 'course'],
      sort: newestFirst('grantedAt'),
    },
    behaviour: () => ({ beforeWrite: keepOwnerFields(['user', 'course']) }),
  },
  {
    entity: Course,
    group: 'Catalog',
    access: 'manage',
    options: {
      titleProperty: 'title',
      listProperties: ['title', 'level', 'type', 'instructor', 'duration', 'updatedAt'],
      filterProperties: ['title', 'level', 'type', 'instructor', 'createdAt'],
      editProperties: ['title', 'description', 'level', 'type', 'instructor', 'duration', 'thumbnail'],
      showProperties: [
        'title',
        'outline',
        'description',
        'level',
        'type',
        'instructor',
        'duration',
        'thumbnail',
        'createdAt',
        'updatedAt',
        'id',
      ],
      sort: { sortBy: 'title', direction: 'asc' },
      properties: {
        description: { type: 'textarea' },
        level: { availableValues: values(COURSE_LEVELS) },
        type: { availableValues: values(COURSE_TYPES) },
        duration: { description: 'Minutes' },
        outline: {
          type: 'string',
          components: { show: Components.CourseOutline },
          isVisible: onlyIn('show'),
        },
      },
    },
    actions: {
      delete: {
        guard:
          'Delete this course? Its modules, topics, classes, the enrolments in it and the learners’ progress in ' +
          'its classes are deleted with it. Analytics events stay.',
      },
      bulkDelete: {
        guard: 'Delete these courses with all their modules, topics, classes, enrolments and progress?',
      },
    },
    behaviour: () => ({
      enumFields: ['level', 'type'],
      virtualFields: [{ name: 'outline', type: 'string' }],
    }),
  },
  {
    entity: CourseModule,
    group: 'Catalog',
    access: 'manage',
    options: {
      titleProperty: 'title',
      listProperties: ['title', 'course', 'order'],
      filterProperties: ['course', 'title'],
      editProperties: ['course', 'title', 'description', 'order', 'learningOutcomes'],
      showProperties: ['title', 'course', 'order', 'description', 'learningOutcomes', 'id'],
      sort: { sortBy: 'order', direction: 'asc' },
      properties: {
        description: { type: 'textarea' },
        order: ORDER_FIELD,
      },
    },
    behaviour: ({ catalog }) => ({
      autoFields: ['order'],
      create: (changes) => catalog.createModule(changes),
      update: (id, changes, previous) => catalog.updateModule(id, changes, previous),
      delete: (id) => catalog.delete('module', id),
    }),
  },
  {
    entity: Topic,
    group: 'Catalog',
    access: 'manage',
    options: {
      titleProperty: 'title',
      listProperties: ['title', 'module', 'course', 'order'],
      filterProperties: ['course', 'module', 'title'],
      editProperties: ['module', 'course', 'title', 'order'],
      sort: { sortBy: 'order', direction: 'asc' },
      properties: {
        course: {
          description: 'Taken from the module when one is picked',
          isRequired: false,
        },
        order: ORDER_FIELD,
      },
    },
    behaviour: ({ catalog }) => ({
      autoFields: ['order', 'course'],
      create: (changes) => catalog.createTopic(changes),
      update: (id, changes, previous) => catalog.updateTopic(id, changes, previous),
      delete: (id) => catalog.delete('topic', id),
    }),
  },
  {
    entity: CourseClass,
    group: 'Catalog',
    access: 'manage',
    options: {
      titleProperty: 'title',
      listProperties: ['title', 'topic', 'contentType', 'duration', 'order'],
      filterProperties: ['course', 'topic', 'contentType', 'title'],
      editProperties: [
        'topic',
        'title',
        'description',
        'contentType',
        'videoUrl',
        'textContent',
        'contestUrl',
        'duration',
        'order',
      ],
      sort: { sortBy: 'order', direction: 'asc' },
      properties: {
        description: { type: 'textarea' },
        contentType: {
          availableValues: values(CONTENT_TYPES),
          description: 'video needs a video URL, text its Markdown, contest a contest URL',
        },
        // On the form, only the content field of the chosen type (components/content-field-edit).
        videoUrl: contentField('video'),
        textContent: {
          ...markdown,
          ...contentField('text', { markdown: true }),
          components: { show: Components.MarkdownShow, edit: Components.ContentFieldEdit },
          description: 'Markdown',
        },
        contestUrl: contentField('contest'),
        duration: { description: 'Seconds' },
        order: ORDER_FIELD,
        course: {
          type: 'reference',
          reference: 'courses',
          isVisible: onlyIn('filter'),
        },
      },
    },
    behaviour: ({ catalog }) => ({
      enumFields: ['contentType'],
      autoFields: ['order'],
      create: (changes) => catalog.createClass(changes),
      update: (id, changes, previous) => catalog.updateClass(id, changes, previous),
      delete: (id) => catalog.delete('class', id),
      virtualFields: [{ name: 'course', type: 'reference', reference: 'courses' }],
      filters: {
        virtualFilters: {
          course: (courseId) => ({ topic: { course: courseId } }),
        },
      },
    }),
  },
  {
    entity: UserProgress,
    group: 'Learning',
    access: 'manage',
    options: {
      listProperties: [
        'user',
        'courseClass',
        'isCompleted',
        'watchedDuration',
        'lastWatchedAt',
        'completedAt',
      ],
      filterProperties: ['user', 'courseClass', 'isCompleted', 'lastWatchedAt', 'completedAt'],
      editProperties: [
        'user',
        'courseClass',
        'watchedDuration',
        'lastPosition',
        'isCompleted',
        'lastWatchedAt',
        'completedAt',
      ],
      sort: newestFirst('lastWatchedAt'),
      properties: {
        courseClass: { label: 'Class' } as object,
        completedAt: {
          description: 'Set when completed (now, if left empty); cleared when not completed',
        },
      },
    },
    behaviour: () => ({ beforeWrite: keepOwnerFields(['user', 'courseClass']) }),
  },
  {
    entity: AnalyticsEvent,
    group: 'Analytics',
    access: 'readOnly',
    options: {
      titleProperty: 'eventType',
      listProperties: [
        'timestamp',
        'eventType',
        'eventAction',
        'page',
        'userEmail',
        'utmSource',
        'utmCampaign',
        'platform',
      ],
      filterProperties: [
        'timestamp',
        'eventType',
        'eventAction',
        'userId',
        'userEmail',
        'sessionId',
        'page',
        'courseId',
        'classId',
        'utmSource',
        'utmMedium',
        'utmCampaign',
        'platform',
        'isLoggedIn',
      ],
      sort: newestFirst('timestamp'),
      properties: {
        platform: { availableValues: values(PLATFORMS) },
        customData: json,
      },
    },
    behaviour: ({ eventsWindowDays }) => ({
      enumFields: ['platform', 'eventType', 'eventAction'],
      // Millions of rows: a page lists recent events only (unless filtered by time) and counts stop at 10,000.
      recentWindow: { property: 'timestamp', days: eventsWindowDays },
      countCap: 10_000,
      listFromReplica: true,
    }),
  },
  {
    // Replaced by database triggers on every catalog write: derived, so read-only here.
    entity: CatalogVersion,
    group: 'Catalog',
    access: 'readOnly',
    options: { listProperties: ['id', 'version', 'changedAt'] },
  },
  {
    // Kept by database triggers from course_access: derived, so read-only here.
    entity: CourseEnrolmentDay,
    group: 'Learning',
    access: 'readOnly',
    options: {
      listProperties: ['course', 'day', 'enrolled'],
      filterProperties: ['course', 'day'],
      sort: newestFirst('day'),
    },
  },
  {
    // Kept by database triggers from user_progress: derived, so read-only here.
    entity: UserCourseProgress,
    group: 'Learning',
    access: 'readOnly',
    options: {
      listProperties: [
        'user',
        'course',
        'startedClasses',
        'completedClasses',
        'lastActivityAt',
        'lastCompletedAt',
      ],
      filterProperties: ['user', 'course', 'lastActivityAt', 'lastCompletedAt'],
      sort: newestFirst('lastActivityAt'),
    },
    behaviour: () => ({ references: { lastClassId: 'classes' } }),
  },
  {
    // Kept by database triggers from user_progress: derived, so read-only here.
    entity: ClassWatchDay,
    group: 'Learning',
    access: 'readOnly',
    options: {
      listProperties: ['classId', 'day', 'learners', 'watchedSeconds', 'completed'],
      filterProperties: ['classId', 'day'],
      sort: newestFirst('day'),
    },
    behaviour: () => ({ references: { classId: 'classes' } }),
  },
  // Daily aggregates (base and derived) and the rollup ledger: written only by the rollup job,
  // read-only here. Ids of users and catalog rows show as their titles; counts stop at 10,000 (a
  // chain-members table has millions of rows).
  ...[...DAILY_AGGREGATE_ENTITIES, ...REPORT_AGGREGATE_ENTITIES].map((entity): ResourceDefinition => ({
    entity,
    group: 'Analytics',
    access: 'readOnly',
    options: { sort: newestFirst('day') },
    behaviour: () => ({ references: AGGREGATE_REFERENCES, countCap: 10_000, listFromReplica: true }),
  })),
  {
    entity: RollupLedgerEntry,
    group: 'Analytics',
    access: 'readOnly',
    options: {
      listProperties: ['day', 'rollup', 'status', 'rows', 'sourceEvents', 'finishedAt'],
      filterProperties: ['day', 'rollup', 'status'],
      sort: newestFirst('day'),
    },
    behaviour: () => ({ listFromReplica: true }),
  },
  {
    entity: AnalyticsEventId,
    group: 'System',
    access: 'system',
    options: { sort: newestFirst('receivedAt') },
  },
  {
    entity: AdminSession,
    group: 'System',
    access: 'system',
    options: {
      titleProperty: 'sid',
      listProperties: ['sid', 'expire'],
      sort: newestFirst('expire'),
      properties: { sess: json },
    },
  },
  {
    entity: RefreshToken,
    group: 'System',
    access: 'system',
    options: {
      listProperties: ['user', 'family', 'createdAt', 'expiresAt', 'usedAt', 'revokedAt'],
      filterProperties: ['user', 'family', 'expiresAt'],
      sort: newestFirst('createdAt'),
    },
  },
  {
    entity: OtpCode,
    group: 'System',
    access: 'system',
    options: {
      titleProperty: 'email',
      listProperties: ['email', 'attempts', 'expiresAt', 'createdAt'],
      sort: newestFirst('createdAt'),
    },
  },
  {
    // The audit log: admins read it; nobody edits or deletes it from here.
    entity: AuditEvent,
    group: 'System',
    access: 'system',
    options: {
      titleProperty: 'action',
      listProperties: ['at', 'action', 'actorEmail', 'targetType', 'targetId', 'ip'],
      filterProperties: ['at', 'action', 'actorId', 'actorEmail', 'targetType', 'targetId'],
      sort: newestFirst('at'),
      properties: { details: json },
    },
    actions: { delete: { isAccessible: false }, bulkDelete: { isAccessible: false } },
  },
  {
    // Keys for reporting jobs: admins make (the key is shown once) and revoke them; only a hash is kept.
    entity: ApiKey,
    group: 'System',
    access: 'system',
    options: {
      titleProperty: 'name',
      listProperties: ['name', 'prefix', 'scopes', 'createdAt', 'lastUsedAt', 'expiresAt', 'revokedAt'],
      showProperties: [
        'name',
        'prefix',
        'scopes',
        'createdBy',
        'createdAt',
        'lastUsedAt',
        'expiresAt',
        'revokedAt',
        'id',
      ],
      filterProperties: ['name', 'prefix', 'createdAt', 'revokedAt'],
      sort: newestFirst('createdAt'),
      properties: {
        keyHash: { isVisible: false },
        lastUsedAt: { description: 'Written every 30 s per instance, not on every request.' },
      },
    },
  },
  {
    // Reports e-mailed on a schedule (CSV attached); the delivery job sends what is due.
    entity: ReportSubscription,
    group: 'Analytics',
    access: 'manage',
    options: {
      titleProperty: 'name',
      listProperties: ['name', 'report', 'range', 'schedule', 'enabled', 'nextRunAt', 'failures'],
      editProperties: ['name', 'report', 'filters', 'range', 'schedule', 'recipients', 'enabled'],
      showProperties: [
        'name',
        'report',
        'filters',
        'range',
        'schedule',
        'recipients',
        'enabled',
        'nextRunAt',
        'failures',
        'createdBy',
        'createdAt',
        'updatedAt',
        'id',
      ],
      filterProperties: ['name', 'report', 'enabled', 'nextRunAt'],
      sort: newestFirst('createdAt'),
      properties: {
        report: {
          description:
            'A report of /analytics/reports, e.g. engagement/active-users or marketing/utm-performance.',
        },
        filters: {
          ...json,
          description: 'The report’s parameters other than from/to, as JSON, e.g. {"granularity": "week"}.',
        },
        range: {
          availableValues: values(RELATIVE_RANGES),
          description: 'Days (UTC) relative to each delivery.',
        },
        schedule: { description: 'Cron, UTC: minute hour day-of-month month day-of-week, e.g. 0 7 * * 1.' },
        recipients: { description: 'E-mail addresses (one message, CSV attached).' },
      },
    },
    behaviour: ({ deliveries }) => ({
      enumFields: ['range'],
      beforeWrite: (ctx) => beforeSubscriptionWrite(deliveries, ctx),
    }),
  },
  {
    // Every delivery attempt: read only (history).
    entity: ReportDelivery,
    group: 'Analytics',
    access: 'readOnly',
    options: {
      titleProperty: 'status',
      listProperties: ['attemptedAt', 'subscription', 'status', 'rangeFrom', 'rangeTo', 'rows', 'error'],
      filterProperties: ['subscription', 'status', 'attemptedAt'],
      sort: newestFirst('attemptedAt'),
    },
    behaviour: () => ({ listFromReplica: true }),
  },
  {
    entity: RateLimitCounter,
    group: 'System',
    access: 'system',
    options: {
      titleProperty: 'key',
      listProperties: ['key', 'windowStart', 'hits', 'expiresAt'],
      sort: newestFirst('windowStart'),
    },
  },
];
