import { Injectable } from '@nestjs/common';
import { appliedFilters } from './dto/report-common.dto.js';
import type {
  LandingPagesReportDto,
  SessionGroupFiguresDto,
  TrafficSourcesReportDto,
  UtmPerformanceReportDto,
} from './dto/marketing.dto.js';
import type {
  LandingPagesQueryDto,
  PlatformRangeQueryDto,
  UtmRangeQueryDto,
} from './dto/report-query.dto.js';
import { percent } from './report-range.js';
import { ReportRunner, type ReportScope } from './report-runner.js';
import { NO_CONDITION } from './report-scope.js';
import { reportSql } from './report-sql.js';
import { ALL_KEYS, distinctMembersSql, type KeysFilter } from './sql/distinct-sql.js';
import {
  multiDaySessionRows,
  sessionFilterSql,
  type SessionFilters,
  wholeSessions,
} from './sql/session-sql.js';
import { firstRow } from '../../../common/assert/defined.js';

interface GroupRow {
  key: string;
  sessions: string;
  page_views: string;
  bounces: string;
  conversions: string;
}

const SESSION_PLAN = {
  stored: ['sessions', 'utm', 'session_days', 'session_landings'],
  live: ['session_landings'],
  sessionDays: true,
};

/** The Marketing Attribution dashboard. */
@Injectable()
export class MarketingReports {
  constructor(private readonly runner: ReportRunner) {}

  utmPerformance(q: UtmRangeQueryDto): Promise<UtmPerformanceReportDto> {
    const byTriple = ['utm_users', 'utm_converters'];
    const overall: [users: string, converters: string] = q.utmSource
      ? ['utm_users_by_source', 'utm_converters_by_source']
      : ['utm_users_total', 'utm_converters_total'];
    const plan = {
      stored: ['utm', 'campaigns', 'chain_members', 'chain_counts'],
      live: ['campaigns'],
      chains: [...byTriple, ...overall],
    };
    return this.runner.run(q, plan, async (scope) => {
      const params = q.utmSource ? [q.utmSource] : [];
      const source = q.utmSource
        ? reportSql('utm-source-is', { params: { utm_source: '$1' } })
        : NO_CONDITION;
      const distinct = (metric: string, keys: KeysFilter) =>
        reportSql('distinct-members', {
          values: { distinct_members: distinctMembersSql(scope, metric, 'range', keys) },
        });
      const bySource: KeysFilter = q.utmSource ? { kind: 'first-key-is', key: '$1' } : ALL_KEYS;
      const rows = await scope.query<{
        utm_source: string;
        utm_medium: string | null;
        utm_campaign: string | null;
        events: string;
        page_views: string;
        users: string;
        conversions: string;
      }>(
        reportSql('utm-performance', {
          values: {
            campaigns: scope.rows('analytics_daily_campaigns'),
            source_filter: source,
            users: distinct('utm_users', bySource),
            converters: distinct('utm_converters', bySource),
          },
        }),
        params,
      );
      const overallKeys: KeysFilter = q.utmSource ? { kind: 'keys-are', key: '$1' } : ALL_KEYS;
      const totals = firstRow(
        await scope.query<{ users: string | null; conversions: string | null }>(
          reportSql('utm-performance-totals', {
            values: {
              users: distinct(overall[0], overallKeys),
              converters: distinct(overall[1], overallKeys),
            },
          }),
          params,
        ),
        'the UTM totals',
      );
      const out = rows.map((r) => ({
        utmSource: r.utm_source,
        utmMedium: r.utm_medium,
        utmCampaign: r.utm_campaign,
        uniqueUsers: Number(r.users),
        events: Number(r.events),
        pageViews: Number(r.page_views),
        conversions: Number(r.conversions),
        conversionRate: percent(Number(r.conversions), Number(r.users)),
      }));
      const uniqueUsers = Number(totals.users ?? 0);
      const conversions = Number(totals.conversions ?? 0);
      return {
        from: q.from,
        to: q.to,
        filters: appliedFilters({ utmSource: q.utmSource }),
        source: scope.sources,
        rows: out,
        totals: {
          uniqueUsers,
          events: out.reduce((n, r) => n + r.events, 0),
          pageViews: out.reduce((n, r) => n + r.pageViews, 0),
          conversions,
          conversionRate: percent(conversions, uniqueUsers),
        },
      };
    });
  }

  trafficSources(q: PlatformRangeQueryDto): Promise<TrafficSourcesReportDto> {
    return this.runner.run(q, SESSION_PLAN, async (scope) => {
      const groups = await sessionGroups(scope, reportSql('session-key-source'), { platform: q.platform });
      const totals = sumFigures(groups);
      return {
        from: q.from,
        to: q.to,
        filters: appliedFilters({ platform: q.platform }),
        source: scope.sources,
        rows: groups.map(({ key, ...figures }) => ({
          source: key,
          ...figures,
          percent: percent(figures.sessions, totals.sessions),
        })),
        totals,
      };
    });
  }

  landingPages(q: LandingPagesQueryDto): Promise<LandingPagesReportDto> {
    return this.runner.run(q, SESSION_PLAN, async (scope) => {
      const groups = await sessionGroups(scope, reportSql('session-key-landing-page'), {
        platform: q.platform,
        utmSource: q.utmSource,
      });
      return {
        from: q.from,
        to: q.to,
        filters: appliedFilters({ platform: q.platform, utmSource: q.utmSource, limit: q.limit }),
        source: scope.sources,
        rows: groups.slice(0, q.limit).map(({ key, ...figures }) => ({ landingPage: key, ...figures })),
        totals: sumFigures(groups),
      };
    });
  }
}

/**
 * Sessions with a page view in the range, per `key` (an expression over platform, utm_source,
 * landing_page): the per-day landing aggregates, with the sessions spanning several days put
 * together whole (first-touch source and landing page of their first day, bounce over all days).
 */
async function sessionGroups(
  scope: ReportScope,
  key: string,
  filters: SessionFilters,
): Promise<({ key: string } & SessionGroupFiguresDto)[]> {
  const params: unknown[] = [];
  const where = reportSql('filters/landing-sessions', {
    values: { filters: sessionFilterSql(filters, params) },
  });
  const rows = await scope.query<GroupRow>(
    reportSql('session-groups', {
      values: {
        multi_day_session_rows: multiDaySessionRows(scope),
        key,
        session_landings: scope.rows('analytics_daily_session_landings'),
        filters: where,
        whole_sessions: wholeSessions('m'),
      },
    }),
    params,
  );
  return rows.map((r) => ({
    key: r.key,
    ...figures(Number(r.sessions), Number(r.page_views), Number(r.bounces), Number(r.conversions)),
  }));
}

function figures(
  sessions: number,
  pageViews: number,
  bounces: number,
  conversions: number,
): SessionGroupFiguresDto {
  return {
    sessions,
    pageViews,
    bounces,
    bounceRate: percent(bounces, sessions),
    conversions,
    conversionRate: percent(conversions, sessions),
  };
}

function sumFigures(groups: SessionGroupFiguresDto[]): SessionGroupFiguresDto {
  const sum = (pick: (g: SessionGroupFiguresDto) => number) => groups.reduce((n, g) => n + pick(g), 0);
  return figures(
    sum((g) => g.sessions),
    sum((g) => g.pageViews),
    sum((g) => g.bounces),
    sum((g) => g.conversions),
  );
}
