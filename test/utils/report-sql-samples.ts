import type pg from 'pg';
import {
  ContentReports,
  EngagementReports,
  JourneyReports,
  MarketingReports,
} from '../../src/modules/analytics/reports/index.js';
import { computeLiveDays } from '../../src/modules/analytics/reports/live-days.js';
import { RUNNER_SQL } from '../../src/modules/analytics/reports/report-days.js';
import { ReportScope, type ReportRunner } from '../../src/modules/analytics/reports/report-runner.js';
import {
  LIVE_FIRSTS,
  LIVE_MEMBERS,
  LIVE_SESSION_DAYS,
} from '../../src/modules/analytics/reports/report-sql.js';
import { CHAIN_METRICS } from '../../src/modules/analytics/rollup/index.js';
import { addDays, daysBetween, LIVE_ROLLUPS, ROLLUPS } from '../../src/modules/analytics/rollup/index.js';

/**
 * The reports' SQL as it runs, for the rendered snapshot and the EXPLAIN test: each report called
 * with a fixed set of queries on three views of a range (every day rolled up; the last day live;
 * a live day before stored ones, with a raw day before the range), through a scope whose client
 * records what it is asked instead of asking a database. Then the live days' own statements and the
 * runner's (which days are stored or live).
 */
export interface ReportStatement {
  title: string;
  sql: string;
  params: unknown[];
  /** Reads the live days' temporary tables (made before planning it). */
  live: boolean;
  /** A utility statement (SET, CREATE, ANALYZE) that EXPLAIN cannot plan: the test runs it, rolled back. */
  utility: boolean;
}

const RANGE = { from: '2026-01-01', to: '2026-01-31' };
const TODAY = '2026-02-15';
const DAYS = daysBetween(RANGE.from, RANGE.to);
const LIVE_TABLES = new Set([...ROLLUPS.map((r) => r.table), LIVE_MEMBERS, LIVE_FIRSTS, LIVE_SESSION_DAYS]);

/** A client that records each statement and answers one empty row (the reports read on without data). */
function recordingClient(into: { sql: string; params: unknown[] }[]): pg.PoolClient {
  const query = (sql: string, params: unknown[] = []) => {
    into.push({ sql, params });
    return Promise.resolve({ rows: [{}] });
  };
  return { query } as unknown as pg.PoolClient;
}

const VIEWS = [
  { name: 'every day stored', stored: DAYS, live: [] as string[], history: [] as string[] },
  { name: 'last day live', stored: DAYS.slice(0, -1), live: DAYS.slice(-1), history: [] },
  {
    name: 'a live day before stored ones, a raw day before the range',
    stored: DAYS.filter((d) => d !== '2026-01-15'),
    live: ['2026-01-15'],
    history: [addDays(RANGE.from, -1)],
  },
];

const OUTLINE = {
  courses: [{ id: 'course-1', title: 'Course' }],
  modules: [{ id: 'module-1', courseId: 'course-1', title: 'Module', position: 1 }],
  classes: [
    {
      id: 'class-1',
      courseId: 'course-1',
      moduleId: 'module-1',
      title: 'Class',
      contentType: 'video',
      position: 1,
    },
  ],
};
const catalog = { outlineIndex: () => Promise.resolve(OUTLINE) };
const access = {
  enrolledCounts: () => Promise.resolve(new Map()),
};

type Call = [title: string, run: (reports: Reports) => Promise<unknown>];
interface Reports {
  engagement: EngagementReports;
  content: ContentReports;
  journey: JourneyReports;
  marketing: MarketingReports;
}

const q = { ...RANGE };
const session: { platform?: 'web' | 'mobile'; utmSource?: string }[] = [
  {},
  { platform: 'web', utmSource: 'google' },
  { utmSource: 'Direct' },
];
const CALLS: Call[] = [
  ...(['day', 'week', 'month'] as const).map((granularity): Call => [
    `engagement/active-users ${granularity}`,
    (r) => r.engagement.activeUsers({ ...q, granularity }),
  ]),
  ...session.map((f): Call => [
    `engagement/session-durations ${JSON.stringify(f)}`,
    (r) => r.engagement.sessionDurations({ ...q, ...f }),
  ]),
  ...(['page', 'pageType'] as const).map((groupBy): Call => [
    `engagement/page-views ${groupBy}`,
    (r) => r.engagement.pageViews({ ...q, groupBy, limit: 10 }),
  ]),
  ...[{}, { courseId: 'course-1' }].flatMap((f): Call[] => [
    [`content/top-classes ${JSON.stringify(f)}`, (r) => r.content.topClasses({ ...q, ...f, limit: 10 })],
    [`journey/course-discovery ${JSON.stringify(f)}`, (r) => r.journey.courseDiscovery({ ...q, ...f })],
    [`journey/module-progression ${JSON.stringify(f)}`, (r) => r.journey.moduleProgression({ ...q, ...f })],
  ]),
  ...session.map((f): Call => [
    `journey/login-funnel ${JSON.stringify(f)}`,
    (r) => r.journey.loginFunnel({ ...q, ...f }),
  ]),
  ['journey/milestone-times', (r) => r.journey.milestoneTimes(q)],
  ...[{}, { utmSource: 'google' }].map((f): Call => [
    `marketing/utm-performance ${JSON.stringify(f)}`,
    (r) => r.marketing.utmPerformance({ ...q, ...f }),
  ]),
  ...[{}, { platform: 'mobile' as const }].map((f): Call => [
    `marketing/traffic-sources ${JSON.stringify(f)}`,
    (r) => r.marketing.trafficSources({ ...q, ...f }),
  ]),
  ...session.map((f): Call => [
    `marketing/landing-pages ${JSON.stringify(f)}`,
    (r) => r.marketing.landingPages({ ...q, ...f, limit: 10 }),
  ]),
];

function reportsOn(view: (typeof VIEWS)[number], into: { sql: string; params: unknown[] }[]): Reports {
  const client = recordingClient(into);
  const live = view.live.length || view.history.length ? LIVE_TABLES : new Set<string>();
  const scope = new ReportScope(RANGE, TODAY, view.stored, view.live, live, client, view.history);
  const runner = { run: (_range: unknown, _plan: unknown, work: (s: ReportScope) => unknown) => work(scope) };
  const r = runner as unknown as ReportRunner;
  /* eslint-disable @typescript-eslint/no-explicit-any -- stand-ins for the learning modules' services */
  return {
    engagement: new EngagementReports(r, {} as any),
    content: new ContentReports(r, catalog as any, access as any, {} as any),
    journey: new JourneyReports(r, catalog as any),
    marketing: new MarketingReports(r),
  };
  /* eslint-enable @typescript-eslint/no-explicit-any */
}

/** Every report statement, once each (the first view and query that renders it), in a fixed order. */
export async function reportStatements(): Promise<ReportStatement[]> {
  const out: ReportStatement[] = [];
  const seen = new Set<string>();
  const add = (s: ReportStatement) => {
    if (seen.has(s.sql)) return;
    seen.add(s.sql);
    out.push(s);
  };
  for (const [title, sql] of Object.entries(RUNNER_SQL))
    add({
      title: `report runner: ${title}`,
      sql,
      params: RUNNER_PARAMS[title] ?? [],
      live: false,
      utility: title === 'jit off',
    });
  const liveDay: { sql: string; params: unknown[] }[] = [];
  const plan = {
    live: [
      'session_durations',
      'session_funnel',
      'session_landings',
      'pages',
      'content_counts',
      'module_events',
      'campaigns',
    ],
    chains: CHAIN_METRICS.map((m) => m.name),
    milestones: true,
    sessionDays: true,
  };
  await computeLiveDays(recordingClient(liveDay), plan, ['2026-01-31'], ['2025-12-31']);
  const rollupText = new Set(LIVE_ROLLUPS.flatMap((r) => [r.insert, r.copy?.then]));
  for (const s of liveDay)
    if (!rollupText.has(s.sql))
      add({
        title: `live day: ${s.sql.split(/\s+/).slice(0, 4).join(' ')}`,
        sql: s.sql,
        params: s.params,
        // A CREATE TEMP TABLE makes its table itself; the rest reads or writes the live days' tables.
        live: !/^CREATE TEMP TABLE/.test(s.sql),
        utility: /^(CREATE|ANALYZE)/.test(s.sql),
      });
  for (const view of VIEWS) {
    for (const [title, call] of CALLS) {
      const ran: { sql: string; params: unknown[] }[] = [];
      await call(reportsOn(view, ran));
      for (const [i, s] of ran.entries())
        add({
          title: `${title}, query ${i + 1} (${view.name})`,
          sql: s.sql,
          params: s.params,
          live: view.live.length > 0 || view.history.length > 0,
          utility: false,
        });
    }
  }
  return out;
}

/** The runner's statements' parameters for EXPLAIN. */
const RUNNER_PARAMS: Record<string, unknown[]> = {
  'stored days': [RANGE.from, RANGE.to, ['sessions'], 1],
  'provisional days': [RANGE.from, RANGE.to, ['pages'], ['0123456789abcdef'], 1],
  'default partition days': [RANGE.from, RANGE.to],
};
