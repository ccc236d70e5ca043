import type { EventAction, EventType, FUNNEL_ACTIONS, Platform } from '../modules/analytics/index.js';
import type { AnalyticsEvent } from '../modules/analytics/entities/analytics-event.entity.js';
import type { Utm } from './marketing.js';
import { stableId, stableUuid } from './random.js';
import type { Timeline } from './timeline.js';

/** The columns the seeder sets on `analytics_events` (all of the spec's), typed from the entity. */
export type EventRow = Pick<
  AnalyticsEvent,
  | 'id'
  | 'userId'
  | 'sessionId'
  | 'eventType'
  | 'eventAction'
  | 'buttonName'
  | 'page'
  | 'destination'
  | 'courseId'
  | 'classId'
  | 'utmSource'
  | 'utmMedium'
  | 'utmCampaign'
  | 'utmTerm'
  | 'utmContent'
  | 'platform'
  | 'isLoggedIn'
  | 'userEmail'
  | 'customData'
  | 'timestamp'
  | 'createdAt'
>;

/** The spec's actions plus the login-funnel steps its funnel query reads. */
export type SeedAction = EventAction | (typeof FUNNEL_ACTIONS)[number];

export interface SignedInUser {
  readonly id: string;
  readonly email: string;
}

export interface EventSpec {
  readonly type: EventType;
  readonly action?: SeedAction | null;
  readonly button?: string | null;
  /** Defaults to the page the visitor is on. */
  readonly page?: string;
  readonly destination?: string | null;
  readonly courseId?: string | null;
  readonly classId?: string | null;
  readonly data?: Record<string, unknown> | null;
}

export interface VisitOptions {
  /** Stable key of the visit (`u12-v3`, `anon-browse-40`): event and session ids derive from it. */
  readonly key: string;
  /** Virtual time (timeline.ts) of the first event. */
  readonly start: number;
  readonly platform: Platform;
  readonly utm: Utm | null;
}

/**
 * Writes the events of one browser session as it unfolds: a clock that only moves forward, the page
 * the visitor is on, and who they are. Once `signIn` is called, every later event carries the
 * user's id and e-mail and `is_logged_in`, exactly like a tracker that learns the identity at login.
 */
export class SessionWriter {
  readonly sessionId: string;
  private clock: number;
  private sequence = 0;
  private currentPage = '/';
  private user: SignedInUser | null = null;

  constructor(
    private readonly visit: VisitOptions,
    private readonly timeline: Timeline,
    private readonly sink: EventRow[],
  ) {
    this.sessionId = stableUuid(`session:${visit.key}`);
    this.clock = visit.start;
  }

  /** Current virtual time. */
  get now(): number {
    return this.clock;
  }

  /** Milliseconds since the visit started. */
  get elapsed(): number {
    return this.clock - this.visit.start;
  }

  get page(): string {
    return this.currentPage;
  }

  get utm(): Utm | null {
    return this.visit.utm;
  }

  /** Lets time pass (reading, watching, typing) between two events. */
  wait(ms: number): void {
    this.clock += Math.max(0, Math.round(ms));
  }

  signIn(user: SignedInUser): void {
    this.user = user;
  }

  emit(spec: EventSpec): void {
    const { utm, platform, key } = this.visit;
    const timestamp = this.timeline.toDate(this.clock);
    this.sink.push({
      id: stableId(`event:${key}:${this.sequence++}`),
      userId: this.user?.id ?? null,
      sessionId: this.sessionId,
      eventType: spec.type,
      eventAction: spec.action ?? null,
      buttonName: spec.button ?? null,
      page: spec.page ?? this.currentPage,
      destination: spec.destination ?? null,
      courseId: spec.courseId ?? null,
      classId: spec.classId ?? null,
      utmSource: utm?.source ?? null,
      utmMedium: utm?.medium ?? null,
      utmCampaign: utm?.campaign ?? null,
      utmTerm: utm?.term ?? null,
      utmContent: utm?.content ?? null,
      platform,
      isLoggedIn: this.user !== null,
      userEmail: this.user?.email ?? null,
      customData: spec.data ?? null,
      timestamp,
      // The tracker sends events as they happen, so the row is created at the event's time.
      createdAt: timestamp,
    });
  }

  /** A page view (`we_page_load`); the visitor is on that page afterwards. */
  view(path: string, extra: Pick<EventSpec, 'courseId' | 'classId' | 'data'> = {}): void {
    this.currentPage = path;
    this.emit({ type: 'we_page_load', page: path, ...extra });
  }

  /** A tracked click (`gtm_custom_click`) on the current page. */
  click(
    button: string,
    destination: string | null,
    extra: Pick<EventSpec, 'action' | 'courseId' | 'classId' | 'data'> = {},
  ): void {
    this.emit({ type: 'gtm_custom_click', button, destination, ...extra });
  }
}
