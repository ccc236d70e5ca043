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
import { distinctMembersSql } from './sql/distinct-sql.js';
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
      const source = q.utmSource ? 'utm_source = $1' : 'true';
      const distinct = (metric: string, keys: string) =>
        `(${distinctMembersSql(scope, metric, 'range', keys)})`;
      const rows = await scope.query<{
        utm_source: string;
        utm_medium: string | null;
        utm_campaign: string | null;
        events: string;
        page_views: string;
        users: string;
        conversions: string;
      }>(
        `SELECT t.utm_source, t.utm_medium, t.utm_campaign, t.events, t.page_views, coalesce(u.members, 0) AS users, coalesce(c.members, 0) AS conversions
         FROM (SELECT utm_source, utm_medium, utm_campaign, sum(events) AS events, sum(page_views) AS page_views
               FROM ${scope.rows('analytics_daily_campaigns')} x WHERE utm_source IS NOT NULL AND ${source} GROUP BY 1, 2, 3) t
         LEFT JOIN ${distinct('utm_users', q.utmSource ? 'keys[1] = $1' : 'true')} u ON u.keys = ARRAY[t.utm_source, t.utm_medium, t.utm_campaign]
         LEFT JOIN ${distinct('utm_converters', q.utmSource ? 'keys[1] = $1' : 'true')} c ON c.keys = ARRAY[t.utm_source, t.utm_medium, t.utm_campaign]
         ORDER BY users DESC, events DESC, t.utm_source, t.utm_medium NULLS LAST, t.utm_campaign NULLS LAST`,
        params,
      );
      const overallKeys = q.utmSource ? 'keys = ARRAY[$1]' : 'true';
      const totals = firstRow(
        await scope.query<{ users: string | null; conversions: string | null }>(
          `SELECT (SELECT sum(members) FROM ${distinct(overall[0], overallKeys)} u) AS users,
                (SELECT sum(members) FROM ${distinct(overall[1], overallKeys)} c) AS conversions`,
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
      const groups = await sessionGroups(scope, `coalesce(utm_source, 'Direct')`, { platform: q.platform });
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
      const groups = await sessionGroups(scope, 'landing_page', {
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
  const where = `landing_page IS NOT NULL AND ${sessionFilterSql(filters, params)}`;
  const rows = await scope.query<GroupRow>(
    `WITH m AS ${multiDaySessionRows(scope)}
     SELECT key, sum(sessions) AS sessions, sum(page_views) AS page_views, sum(bounces) AS bounces, sum(conversions) AS conversions
     FROM (
       SELECT ${key} AS key, sessions, page_views, bounces, conversions FROM ${scope.rows('analytics_daily_session_landings')} l WHERE ${where}
       UNION ALL
       SELECT ${key}, -1, -page_views, -(page_views = 1)::int, -(converted::int) FROM m WHERE ${where}
       UNION ALL
       SELECT ${key}, 1, page_views, (page_views = 1)::int, converted::int FROM ${wholeSessions('m')} w WHERE ${where}
     ) x GROUP BY key HAVING sum(sessions) > 0
     ORDER BY sessions DESC, key`,
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
