import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { EMPTY_TRACKING, type TrackingContext } from '../../common/tracking/tracking-context.js';
import { newId } from '../../infra/database/base-columns.js';
import { EventWriter, MAX_LATENESS_MS, validateEventBatch, type EventRow } from './ingestion/index.js';
import { IngestionOverloadedError } from './analytics.errors.js';
import { MetricsService } from '../../infra/metrics/metrics.service.js';

/** An event recorded by server code (other modules), trusted: identity comes from the caller. */
export interface ServerEvent {
  eventType: string;
  eventAction?: string | null;
  userId?: string | null;
  userEmail?: string | null;
  isLoggedIn?: boolean;
  courseId?: string | null;
  classId?: string | null;
  customData?: Record<string, unknown> | null;
  /** Session, platform, page and UTM of the request that caused the event. */
  tracking?: TrackingContext;
  timestamp?: Date;
}

/** How many events a refused request carried: a batch's length, else one. */
function eventsIn(body: unknown): number {
  const events =
    typeof body === 'object' && body !== null ? (body as { events?: unknown }).events : undefined;
  return Array.isArray(events) ? Math.max(1, events.length) : 1;
}

@Injectable()
export class AnalyticsService {
  constructor(
    private readonly writer: EventWriter,
    private readonly em: EntityManager,
    private readonly metrics: MetricsService,
  ) {}

  /** Client events (`POST /analytics/events`): validated, then written with the caller's identity. */
  ingest(body: unknown, user: AuthUser | undefined): Promise<{ accepted: number }> {
    // Not async: while the write is waited for, only the count is held, not the body or the rows.
    try {
      const rows = validateEventBatch(body, user);
      const accepted = rows.length;
      return this.writer.write(rows).then(() => ({ accepted }));
    } catch (error) {
      if (!(error instanceof IngestionOverloadedError))
        this.metrics.events.inc({ outcome: 'rejected' }, eventsIn(body));
      return Promise.reject(error);
    }
  }

  /** Records a server-side event; resolves once it is committed. */
  async record(event: ServerEvent): Promise<void> {
    await this.writer.write([toRow(event)]);
  }

  /** Several server-side events of one moment, committed together. */
  async recordMany(events: ServerEvent[]): Promise<void> {
    if (events.length) await this.writer.write(events.map(toRow));
  }

  /**
   * After a login, the session's earlier anonymous events belong to the user. Only recent events
   * are touched (the accepted lateness of client events), so only the last few partitions are read
   * and only days still inside the rollup's re-roll window change.
   */
  async linkSessionToUser(sessionId: string, userId: string, email: string): Promise<number> {
    const since = new Date(Date.now() - MAX_LATENESS_MS);
    const result = await this.em
      .fork()
      .getConnection()
      .execute<{ affectedRows: number }>(
        `UPDATE analytics_events SET user_id = ?, user_email = ?
         WHERE session_id = ? AND user_id IS NULL AND "timestamp" >= ?`,
        [userId, email, sessionId, since],
        'run',
      );
    return result.affectedRows;
  }
}

function toRow(event: ServerEvent): EventRow {
  const tracking = event.tracking ?? EMPTY_TRACKING;
  const row: EventRow = {
    id: newId(),
    event_type: event.eventType,
    platform: tracking.platform ?? 'web',
    timestamp: (event.timestamp ?? new Date()).toISOString(),
  };
  const optional: Partial<Record<keyof EventRow, string | null | undefined>> = {
    event_action: event.eventAction,
    user_id: event.userId,
    user_email: event.userEmail,
    course_id: event.courseId,
    class_id: event.classId,
    session_id: tracking.sessionId,
    page: tracking.page,
    utm_source: tracking.utm.source,
    utm_medium: tracking.utm.medium,
    utm_campaign: tracking.utm.campaign,
    utm_term: tracking.utm.term,
    utm_content: tracking.utm.content,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value) (row as unknown as Record<string, string>)[key] = value;
  }
  if (event.isLoggedIn) row.is_logged_in = true;
  if (event.customData) row.custom_data = event.customData;
  return row;
}
