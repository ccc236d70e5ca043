import { EntityManager } from "@mikro-orm/postgresql";
import { Injectable } from "@nestjs/common";
import type {
  CampaignRow,
  ClassViews,
  DashboardData,
  DashboardFigures,
  DayValue,
  FunnelStep,
} from "./dashboard-data.js";

const DAY_MS = 86_400_000;

/** The spec's login funnel (query 6), step by step, counted in sessions. */
const FUNNEL = [
  [
    "Visited login page",
    `event_type = 'we_page_load' AND page LIKE '%/login%'`,
  ],
  ["Clicked login", `event_action = 'login_button_clicked'`],
  ["Entered e-mail", `event_action = 'email_entered'`],
  ["Requested OTP", `event_action = 'otp_requested'`],
  ["Entered OTP", `event_action = 'otp_entered'`],
  ["Logged in", `event_action = 'login_success'`],
  [
    "Reached dashboard",
    `event_type = 'we_page_load' AND page LIKE '%/dashboard%'`,
  ],
] as const;

/**
 * The dashboard's figures read from the tables themselves (the spec's queries, each bounded to a
 * recent window). Stand-in until the analytics report services exist; see DASHBOARD_DATA.
 */
@Injectable()
export class TableDashboardData implements DashboardData {
  constructor(private readonly em: EntityManager) {}

  async figures(now: Date = new Date()): Promise<DashboardFigures> {
    const [
      dailyActiveUsers,
      enrolmentsPerWeek,
      loginFunnel,
      topCampaigns,
      mostViewedClasses,
    ] = await Promise.all([
      this.dailyActiveUsers(now),
      this.enrolmentsPerWeek(now),
      this.loginFunnel(now),
      this.topCampaigns(now),
      this.mostViewedClasses(),
    ]);
    return {
      generatedAt: now.toISOString(),
      dailyActiveUsers,
      enrolmentsPerWeek,
      loginFunnel,
      topCampaigns,
      mostViewedClasses,
    };
  }

  private async dailyActiveUsers(now: Date): Promise<DayValue[]> {
    const since = startOfUtcDay(new Date(now.getTime() - 29 * DAY_MS));
    const rows = await this.query<{ day: string; value: number }>(
      `SELECT to_char(date_trunc('day', timestamp AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, count(DISTINCT user_id)::int AS value
       FROM analytics_events WHERE is_logged_in = true AND user_id IS NOT NULL AND timestamp >= ? GROUP BY 1`,
      [since],
    );
    return fillSeries(rows, since, 30, DAY_MS);
  }

  private async enrolmentsPerWeek(now: Date): Promise<DayValue[]> {
    const monday = startOfUtcWeek(now);
    const since = new Date(monday.getTime() - 11 * 7 * DAY_MS);
    const rows = await this.query<{ day: string; value: number }>(
      `SELECT to_char(date_trunc('week', granted_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, count(*)::int AS value
       FROM course_access WHERE granted_at >= ? GROUP BY 1`,
      [since],
    );
    return fillSeries(rows, since, 12, 7 * DAY_MS);
  }

  private async loginFunnel(now: Date): Promise<FunnelStep[]> {
    const since = new Date(now.getTime() - 30 * DAY_MS);
    const flags = FUNNEL.map(
      ([, condition], i) => `bool_or(${condition}) AS s${i}`,
    ).join(", ");
    const counts = FUNNEL.map(
      (_, i) => `count(*) FILTER (WHERE s${i})::int AS s${i}`,
    ).join(", ");
    const [row] = await this.query<Record<string, number>>(
      `WITH sessions AS (SELECT ${flags} FROM analytics_events
         WHERE timestamp >= ? AND session_id IS NOT NULL GROUP BY session_id)
       SELECT ${counts} FROM sessions`,
      [since],
    );
    return FUNNEL.map(([step], i) => ({ step, sessions: row?.[`s${i}`] ?? 0 }));
  }

  private async topCampaigns(now: Date): Promise<CampaignRow[]> {
    const since = new Date(now.getTime() - 30 * DAY_MS);
    return this.query<CampaignRow>(
      `SELECT utm_source AS source, utm_medium AS medium, utm_campaign AS campaign,
              count(DISTINCT user_id)::int AS users, count(*)::int AS events,
              count(DISTINCT CASE WHEN event_action = 'login_success' THEN user_id END)::int AS conversions
       FROM analytics_events WHERE utm_source IS NOT NULL AND timestamp >= ?
       GROUP BY utm_source, utm_medium, utm_campaign ORDER BY users DESC, events DESC LIMIT 8`,
      [since],
    );
  }

  private mostViewedClasses(): Promise<ClassViews[]> {
    return this.query<ClassViews>(
      `SELECT c.title AS "classTitle", t.title AS "topicTitle", count(DISTINCT up.user_id)::int AS viewers,
              count(*) FILTER (WHERE up.is_completed)::int AS completions
       FROM user_progress up JOIN classes c ON c.id = up.class_id JOIN topics t ON t.id = c.topic_id
       GROUP BY c.id, c.title, t.title ORDER BY viewers DESC, c.title LIMIT 10`,
    );
  }

  private query<T extends object>(
    sql: string,
    params: unknown[] = [],
  ): Promise<T[]> {
    return this.em.getConnection().execute<T[]>(sql, params);
  }
}

function startOfUtcDay(date: Date): Date {
  return new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()),
  );
}

function startOfUtcWeek(date: Date): Date {
  const day = startOfUtcDay(date);
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
}

/** Every bucket of the range, zero where nothing happened (charts need the gaps). */
function fillSeries(
  rows: DayValue[],
  start: Date,
  buckets: number,
  stepMs: number,
): DayValue[] {
  const byDay = new Map(rows.map((row) => [row.day, Number(row.value)]));
  return Array.from({ length: buckets }, (_, i) => {
    const day = new Date(start.getTime() + i * stepMs)
      .toISOString()
      .slice(0, 10);
    return { day, value: byDay.get(day) ?? 0 };
  });
}
