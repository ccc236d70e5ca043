import { Injectable } from '@nestjs/common';
import {
  ContentReports,
  CourseReports,
  EngagementReports,
  JourneyReports,
  MarketingReports,
} from '../../analytics/index.js';
import type { DashboardData, DashboardFigures } from './dashboard-data.js';

const DAY_MS = 86_400_000;
const day = (at: Date) => at.toISOString().slice(0, 10);

/**
 * The dashboard's figures from the analytics report services: the same exact answers as
 * `/analytics/reports/…` (closed days from the daily aggregates, today from raw events), so the
 * charts agree with the API and stay fast on tens of millions of events.
 */
@Injectable()
export class ReportDashboardData implements DashboardData {
  constructor(
    private readonly engagement: EngagementReports,
    private readonly courses: CourseReports,
    private readonly marketing: MarketingReports,
    private readonly content: ContentReports,
    private readonly journey: JourneyReports,
  ) {}

  async figures(now: Date = new Date()): Promise<DashboardFigures> {
    const to = day(now);
    const last30 = { from: day(new Date(now.getTime() - 29 * DAY_MS)), to };
    // Twelve whole ISO weeks: from the Monday eleven weeks before this week's.
    const monday = now.getTime() - ((now.getUTCDay() + 6) % 7) * DAY_MS;
    const last12Weeks = { from: day(new Date(monday - 77 * DAY_MS)), to };
    const [active, enrolments, funnel, campaigns, classes] = await Promise.all([
      this.engagement.activeUsers({ ...last30, granularity: 'day' }),
      this.courses.enrolments({ ...last12Weeks, granularity: 'week' }),
      this.journey.loginFunnel(last30),
      this.marketing.utmPerformance(last30),
      this.content.topClasses({ ...last30, limit: 10 }),
    ]);
    return {
      generatedAt: now.toISOString(),
      dailyActiveUsers: active.rows.map((r) => ({ day: r.start, value: r.activeUsers })),
      enrolmentsPerWeek: enrolments.rows.map((r) => ({ day: r.start, value: r.enrolments })),
      loginFunnel: funnel.rows.map((r) => ({ step: r.name, sessions: r.sessions })),
      topCampaigns: campaigns.rows.slice(0, 10).map((r) => ({
        source: r.utmSource,
        medium: r.utmMedium,
        campaign: r.utmCampaign,
        users: r.uniqueUsers,
        events: r.events,
        conversions: r.conversions,
      })),
      mostViewedClasses: classes.rows.map((r) => ({
        classTitle: r.classTitle ?? '(deleted class)',
        topicTitle: r.contentType ?? '',
        viewers: r.views,
        completions: r.completions,
      })),
    };
  }
}
