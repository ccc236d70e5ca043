import { Injectable } from '@nestjs/common';
import { UserLookupService } from '../../users/index.js';
import { DURATION_BUCKETS, durationBucket, sessionSeconds } from '../rollup/index.js';
import type { PageViewsQueryDto, SeriesQueryDto, SessionQueryDto } from './dto/report-query.dto.js';
import { appliedFilters } from './dto/report-common.dto.js';
import type {
  ActiveUsersReportDto,
  PageViewsReportDto,
  RegistrationsReportDto,
  SessionDurationsReportDto,
} from './dto/engagement.dto.js';
import { percent, periods, sumByPeriod } from './report-range.js';
import { ReportRunner } from './report-runner.js';
import { reportSql } from './report-sql.js';
import { distinctMembersSql } from './sql/distinct-sql.js';
import { multiDaySessionRows, sessionFilterSql, wholeSessions } from './sql/session-sql.js';
import { firstRow } from '../../../common/assert/defined.js';

/** By a bucket's lower bound (the compiler checks every bucket has one). */
const BUCKET_LABELS: Record<(typeof DURATION_BUCKETS)[number], string> = {
  0: '0–10 s',
  10: '10–30 s',
  30: '30 s–1 min',
  60: '1–3 min',
  180: '3–10 min',
  600: '10–30 min',
  1800: '30–60 min',
  3600: '≥ 60 min',
};

/** The User Engagement dashboard. */
@Injectable()
export class EngagementReports {
  constructor(
    private readonly runner: ReportRunner,
    private readonly users: UserLookupService,
  ) {}

  activeUsers(q: SeriesQueryDto): Promise<ActiveUsersReportDto> {
    const plan = { stored: ['user_activity', 'chain_members', 'chain_counts'], chains: ['active_users'] };
    return this.runner.run(q, plan, async (scope) => {
      const count = async (granularity: SeriesQueryDto['granularity'] | 'range') =>
        new Map(
          (
            await scope.query<{ period: string; members: string }>(
              reportSql('active-users', {
                values: { distinct_members: distinctMembersSql(scope, 'active_users', granularity) },
              }),
            )
          ).map((r) => [r.period, Number(r.members)]),
        );
      const byPeriod = await count(q.granularity);
      const total = await count('range');
      return {
        from: q.from,
        to: q.to,
        granularity: q.granularity,
        filters: {},
        source: scope.sources,
        rows: periods(q, q.granularity).map((p) => ({ ...p, activeUsers: byPeriod.get(p.start) ?? 0 })),
        totals: { activeUsers: total.get(q.from) ?? 0 },
      };
    });
  }

  async registrations(q: SeriesQueryDto): Promise<RegistrationsReportDto> {
    const perDay = await this.users.registrationsByDay(q.from, q.to);
    return {
      from: q.from,
      to: q.to,
      granularity: q.granularity,
      filters: {},
      rows: sumByPeriod(
        q,
        q.granularity,
        perDay.map((d) => ({ day: d.day, n: d.registrations })),
      ).map(({ n, ...p }) => ({ ...p, registrations: n })),
      totals: { registrations: perDay.reduce((sum, d) => sum + d.registrations, 0) },
    };
  }

  sessionDurations(q: SessionQueryDto): Promise<SessionDurationsReportDto> {
    const plan = {
      stored: ['sessions', 'utm', 'session_days', 'session_durations'],
      live: ['session_durations'],
      sessionDays: true,
    };
    return this.runner.run(q, plan, async (scope) => {
      const params: unknown[] = [];
      const where = sessionFilterSql(q, params);
      const rows = await scope.query<{ bucket: number; sessions: string; seconds: string | null }>(
        reportSql('session-durations', {
          values: {
            multi_day_session_rows: multiDaySessionRows(scope),
            session_durations: scope.rows('analytics_daily_session_durations'),
            filters: where,
            bucket_of_session_day: durationBucket(sessionSeconds('first_at', 'last_at')),
            session_day_seconds: sessionSeconds('first_at', 'last_at'),
            bucket_of_seconds: durationBucket('seconds'),
            whole_sessions: wholeSessions('m'),
          },
        }),
        params,
      );
      const byBucket = new Map(rows.map((r) => [r.bucket, r]));
      const sessions = rows.reduce((sum, r) => sum + Number(r.sessions), 0);
      const seconds = rows.reduce((sum, r) => sum + Number(r.seconds ?? 0), 0);
      return {
        from: q.from,
        to: q.to,
        filters: appliedFilters({ platform: q.platform, utmSource: q.utmSource }),
        source: scope.sources,
        rows: DURATION_BUCKETS.map((min, i) => {
          const n = Number(byBucket.get(i + 1)?.sessions ?? 0);
          return {
            bucket: BUCKET_LABELS[min],
            minSeconds: min,
            maxSeconds: DURATION_BUCKETS[i + 1] ?? null,
            sessions: n,
            percent: percent(n, sessions),
          };
        }),
        totals: { sessions, averageSeconds: sessions ? Math.round((10 * seconds) / sessions) / 10 : 0 },
      };
    });
  }

  pageViews(q: PageViewsQueryDto): Promise<PageViewsReportDto> {
    const key = reportSql(q.groupBy === 'pageType' ? 'page-key-page-type' : 'page-key-page');
    return this.runner.run(q, { stored: ['pages'], live: ['pages'] }, async (scope) => {
      const perPage = reportSql('page-views-per-page', {
        values: { page_key: key, pages: scope.rows('analytics_daily_pages') },
      });
      const rows = await scope.query<{ page: string; views: string }>(
        reportSql('page-views', { params: { limit: '$1' }, values: { per_page: perPage } }),
        [q.limit],
      );
      const totals = firstRow(
        await scope.query<{ views: string | null; pages: string }>(
          reportSql('page-views-totals', { values: { per_page: perPage } }),
        ),
        'the page-view totals',
      );
      const all = Number(totals.views ?? 0);
      return {
        from: q.from,
        to: q.to,
        filters: appliedFilters({ groupBy: q.groupBy, limit: q.limit }),
        source: scope.sources,
        rows: rows.map((r) => ({
          page: r.page,
          pageViews: Number(r.views),
          percent: percent(Number(r.views), all),
        })),
        totals: { pageViews: all, pages: Number(totals.pages) },
      };
    });
  }
}
