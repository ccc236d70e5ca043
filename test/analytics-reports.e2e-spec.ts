import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { mean, median, roundOrNull } from '../src/modules/analytics/reports/figures.js';
import type { Granularity } from '../src/modules/analytics/reports/report-range.js';
import { percent } from '../src/modules/analytics/reports/report-range.js';
import { AnalyticsRollupService } from '../src/modules/analytics/rollup/analytics-rollup.service.js';
import { DERIVED_ROLLUPS } from '../src/modules/analytics/rollup/derived-rollup-sql.js';
import { addDays, daysBetween, utcDay } from '../src/modules/analytics/rollup/utc-day.js';
import { insertFixtureEvents } from './fixtures/analytics-events.js';
import { ReportOracle, type Keyed, type SessionFilter } from './fixtures/report-oracle.js';
import { buildReportEvents, insertReportCatalog } from './fixtures/report-events.js';
import { createUserWithTokens } from './utils/auth.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

const NOW = new Date();
const TODAY = utcDay(NOW);
const DAYS = daysBetween(addDays(TODAY, -13), TODAY);
/** Everything, today included; the older half only (pruned later); the days kept raw. */
const FULL = { from: DAYS[0], to: TODAY };
const PAST = { from: DAYS[0], to: addDays(TODAY, -6) };
const KEPT = { from: addDays(TODAY, -7), to: TODAY };
const SESSION_FILTERS: SessionFilter[] = [
  {},
  { platform: 'mobile' },
  { utmSource: 'google' },
  { utmSource: 'Direct' },
  { platform: 'web', utmSource: 'newsletter' },
];
const VIDEOS = ['rk-a1', 'rk-a4', 'rk-b1', 'rk-b3'];
const CONTESTS = ['rk-a3', 'rk-b2'];

type Body = Record<string, unknown> & {
  rows: Record<string, unknown>[];
  totals: Record<string, unknown>;
  source?: { rawDays: string[] };
};

describe('analytics reports: aggregates give the answers of raw events', () => {
  let t: TestApp;
  let client: pg.Client;
  let oracle: ReportOracle;
  let staff: { Authorization: string };

  beforeAll(async () => {
    t = await createTestApp({ ANALYTICS_RETENTION_DAYS: '7' });
    client = new pg.Client({ connectionString: t.db.url });
    await client.connect();
    await insertReportCatalog(client, DAYS);
    await insertFixtureEvents(client, buildReportEvents(DAYS));
    oracle = new ReportOracle(client);
    staff = (await createUserWithTokens(t, 'staff')).auth;
  }, 60_000);
  afterAll(async () => {
    await client.end();
    await t.close();
  });

  const get = async (path: string, query: Record<string, string | number | undefined>): Promise<Body> =>
    (await request(t.http).get(`/analytics/reports/${path}`).query(query).set(staff).expect(200)).body;
  const keyed = (
    rows: Record<string, unknown>[],
    key: (r: Record<string, unknown>) => string,
    fields: string[],
  ): Keyed =>
    Object.fromEntries(rows.map((r) => [key(r), Object.fromEntries(fields.map((f) => [f, r[f] as number]))]));
  const only = (
    k: Keyed,
    keep: (key: string, v: Record<string, number | null>) => boolean,
    fields?: string[],
  ): Keyed =>
    Object.fromEntries(
      Object.entries(k)
        .filter(([key, v]) => keep(key, v))
        .map(([key, v]) => [key, fields ? Object.fromEntries(fields.map((f) => [f, v[f]])) : v]),
    );

  /** Every event report over a range, as the comparisons below see it. */
  async function answers(range: { from: string; to: string }): Promise<Record<string, Body>> {
    const out: Record<string, Body> = {};
    for (const g of ['day', 'week', 'month'])
      out[`active-users:${g}`] = await get('engagement/active-users', { ...range, granularity: g });
    for (const [i, f] of SESSION_FILTERS.entries()) {
      out[`session-durations:${i}`] = await get('engagement/session-durations', { ...range, ...f });
      out[`login-funnel:${i}`] = await get('journey/login-funnel', { ...range, ...f });
      out[`landing-pages:${i}`] = await get('marketing/landing-pages', { ...range, ...f, limit: 1000 });
    }
    out['traffic-sources'] = await get('marketing/traffic-sources', range);
    out['traffic-sources:mobile'] = await get('marketing/traffic-sources', { ...range, platform: 'mobile' });
    out['page-views'] = await get('engagement/page-views', { ...range, limit: 1000 });
    out['page-types'] = await get('engagement/page-views', { ...range, groupBy: 'pageType' });
    out['utm'] = await get('marketing/utm-performance', range);
    out['utm:google'] = await get('marketing/utm-performance', { ...range, utmSource: 'google' });
    out['top-classes'] = await get('content/top-classes', { ...range, limit: 1000 });
    out['top-classes:a'] = await get('content/top-classes', { ...range, courseId: 'rc-a' });
    out['video-completion'] = await get('content/video-completion', range);
    out['contest-participation'] = await get('content/contest-participation', range);
    out['course-discovery'] = await get('journey/course-discovery', range);
    out['course-discovery:b'] = await get('journey/course-discovery', { ...range, courseId: 'rc-b' });
    out['module-progression'] = await get('journey/module-progression', range);
    out['milestone-times'] = await get('journey/milestone-times', range);
    return out;
  }

  /** `history`: raw events still go back to the first event (first-time milestones need it). */
  async function expectRawFigures(
    range: { from: string; to: string },
    a: Record<string, Body>,
    history = true,
  ): Promise<void> {
    for (const g of ['day', 'week', 'month'] as Granularity[]) {
      const body = a[`active-users:${g}`];
      expect({ rows: body.rows, totals: body.totals }).toEqual(await oracle.activeUsers(range, g));
    }
    for (const [i, f] of SESSION_FILTERS.entries()) {
      const durations = a[`session-durations:${i}`];
      expect({
        filter: f,
        rows: durations.rows.map((r) => ({ sessions: r.sessions, percent: r.percent })),
        totals: durations.totals,
      }).toEqual({
        filter: f,
        ...(await oracle.sessionDurations(range, f)),
      });
      const funnel = a[`login-funnel:${i}`];
      expect({ filter: f, steps: funnel.rows.map((r) => r.sessions) }).toEqual({
        filter: f,
        steps: await oracle.loginFunnel(range, f),
      });
      const landings = a[`landing-pages:${i}`];
      expect(
        keyed(landings.rows, (r) => String(r.landingPage), [
          'sessions',
          'pageViews',
          'bounces',
          'conversions',
        ]),
      ).toEqual(await oracle.sessionGroups(range, f, 'landing'));
    }
    const sourceFields = ['sessions', 'pageViews', 'bounces', 'conversions'];
    expect(keyed(a['traffic-sources'].rows, (r) => String(r.source), sourceFields)).toEqual(
      await oracle.sessionGroups(range, {}, 'source'),
    );
    expect(keyed(a['traffic-sources:mobile'].rows, (r) => String(r.source), sourceFields)).toEqual(
      await oracle.sessionGroups(range, { platform: 'mobile' }, 'source'),
    );
    expect(keyed(a['page-views'].rows, (r) => String(r.page), ['pageViews'])).toEqual(
      await oracle.pageViews(range, false),
    );
    expect(keyed(a['page-types'].rows, (r) => String(r.page), ['pageViews'])).toEqual(
      await oracle.pageViews(range, true),
    );

    for (const [name, source] of [
      ['utm', undefined],
      ['utm:google', 'google'],
    ] as const) {
      const expected = await oracle.utmPerformance(range, source);
      const body = a[name];
      expect(
        keyed(body.rows, (r) => [r.utmSource, r.utmMedium, r.utmCampaign].join('|'), [
          'uniqueUsers',
          'events',
          'pageViews',
          'conversions',
        ]),
      ).toEqual(expected.rows);
      expect({ uniqueUsers: body.totals.uniqueUsers, conversions: body.totals.conversions }).toEqual(
        expected.totals,
      );
    }

    const classes = await oracle.classCounts(range);
    const topFields = ['views', 'starts', 'completions'];
    const seen = (_: string, v: Record<string, number | null>) =>
      Number(v.views) + Number(v.starts) + Number(v.completions) > 0;
    expect(keyed(a['top-classes'].rows, (r) => String(r.classId), topFields)).toEqual(
      only(classes, seen, topFields),
    );
    expect(keyed(a['top-classes:a'].rows, (r) => String(r.classId), topFields)).toEqual(
      only(classes, (k, v) => k.startsWith('rk-a') && seen(k, v), topFields),
    );
    const videoFields = ['starts', 'reached25', 'reached50', 'reached75', 'completions'];
    expect(keyed(a['video-completion'].rows, (r) => String(r.classId), videoFields)).toEqual(
      only(
        classes,
        (k, v) => VIDEOS.includes(k) && Number(v.starts) + Number(v.reached25) + Number(v.completions) > 0,
        videoFields,
      ),
    );
    const contests = only(
      classes,
      (k, v) => CONTESTS.includes(k) && Number(v.participants) + Number(v.contest_completions) > 0,
    );
    expect(
      keyed(a['contest-participation'].rows, (r) => String(r.classId), ['participants', 'completions']),
    ).toEqual(
      Object.fromEntries(
        Object.entries(contests).map(([k, v]) => [
          k,
          { participants: v.participants, completions: v.contest_completions },
        ]),
      ),
    );

    const discovery = await oracle.courseDiscovery(range);
    const discoveryFields = ['views', 'viewers', 'enrolments', 'enrolledViewers'];
    expect(keyed(a['course-discovery'].rows, (r) => String(r.courseId), discoveryFields)).toEqual(
      discovery.rows,
    );
    expect(a['course-discovery'].totals).toEqual({
      ...discovery.totals,
      conversionRate: percent(discovery.totals.enrolledViewers, discovery.totals.viewers),
    });
    expect(keyed(a['course-discovery:b'].rows, (r) => String(r.courseId), discoveryFields)).toEqual(
      only(discovery.rows, (k) => k === 'rc-b'),
    );

    const modules = await oracle.moduleCounts(range);
    const active = a['module-progression'].rows.filter((r) => Number(r.started) + Number(r.completed) > 0);
    expect(keyed(active, (r) => String(r.moduleId), ['started', 'completed'])).toEqual(modules);

    if (!history) return;
    const hours = await oracle.milestoneHours(range);
    expect(
      keyed(a['milestone-times'].rows, (r) => `${r.fromMilestone}>${r.toMilestone}`, [
        'users',
        'medianHours',
        'averageHours',
      ]),
    ).toEqual(
      Object.fromEntries(
        Object.entries(hours).map(([k, h]) => [
          k,
          { users: h.length, medianHours: roundOrNull(median(h)), averageHours: roundOrNull(mean(h)) },
        ]),
      ),
    );
  }

  const withoutSource = (a: Record<string, Body>) =>
    Object.fromEntries(Object.entries(a).map(([k, { source: _s, ...rest }]) => [k, rest]));
  const derivedSnapshot = async () => {
    const out: Record<string, string[]> = {};
    for (const { table } of DERIVED_ROLLUPS) {
      const { rows } = await client.query(`SELECT to_jsonb(a) - 'id' AS r FROM ${table} a`);
      out[table] = rows.map((r) => JSON.stringify(r.r)).sort();
    }
    return out;
  };
  let rolledUp: Record<string, Body>;
  let rolledUpPast: Record<string, Body>;

  it('answers from raw events when nothing is rolled up yet', async () => {
    const a = await answers(FULL);
    expect(a['utm'].source?.rawDays).toEqual(DAYS);
    await expectRawFigures(FULL, a);
    // The fixture is not trivial: several-day sessions, filters that select something, every report has rows.
    expect(a['session-durations:1'].totals.sessions).toBeGreaterThan(10);
    for (const name of [
      'utm',
      'traffic-sources',
      'top-classes',
      'video-completion',
      'contest-participation',
      'course-discovery',
    ]) {
      expect({ name, rows: a[name].rows.length > 1 }).toEqual({ name, rows: true });
    }
    expect(a['milestone-times'].rows.every((r) => Number(r.users) > 0)).toBe(true);
  }, 60_000);

  it('answers closed days from the aggregates and today from raw events, with the same figures', async () => {
    // Rolled up without pruning (the daily job would also prune): raw events stay to compare with.
    const run = await t.app.get(AnalyticsRollupService).rollupRange(DAYS[0], addDays(TODAY, -1));
    expect(run.ran).toBe(true);
    rolledUp = await answers(FULL);
    expect(rolledUp['utm'].source?.rawDays).toEqual([TODAY]);
    expect(rolledUp['session-durations:0'].source?.rawDays).toEqual([TODAY]);
    await expectRawFigures(FULL, rolledUp);
    rolledUpPast = await answers(PAST);
    expect(rolledUpPast['utm'].source?.rawDays).toEqual([]);
    await expectRawFigures(PAST, rolledUpPast);
  }, 90_000);

  it('backfills the report aggregates from the base ones when migrating (days whose raw events are gone too)', async () => {
    const before = await derivedSnapshot();
    expect(before['analytics_daily_chain_counts'].length).toBeGreaterThan(50);
    const migrator = t.orm.getMigrator();
    await migrator.down({ to: 'Migration20261125160000_learning_rules' });
    await migrator.up();
    expect(await derivedSnapshot()).toEqual(before);
    const sealed = await client.query(
      `SELECT count(DISTINCT rollup)::int AS n FROM analytics_rollup_ledger WHERE day = $1 AND status = 'done'
         AND started_at >= ($1::date + 4)::timestamp AT TIME ZONE 'UTC'`,
      [DAYS[0]],
    );
    expect(sealed.rows[0].n).toBe(8 + DERIVED_ROLLUPS.length);
  }, 60_000);

  it('gives the same answers once the raw events of the older days are pruned', async () => {
    const pruned = await t.app.get(AnalyticsRollupService).prune({ now: NOW });
    expect(pruned.ran && pruned.result.dropped).toEqual(daysBetween(DAYS[0], addDays(TODAY, -8)));
    const gone = await client.query(
      `SELECT count(*)::int AS n FROM analytics_events WHERE "timestamp" < $1`,
      [new Date(`${addDays(TODAY, -7)}T00:00:00Z`)],
    );
    expect(gone.rows[0].n).toBe(0);
    expect(withoutSource(await answers(FULL))).toEqual(withoutSource(rolledUp));
    expect(withoutSource(await answers(PAST))).toEqual(withoutSource(rolledUpPast));
    await expectRawFigures(
      { from: addDays(TODAY, -6), to: TODAY },
      await answers({ from: addDays(TODAY, -6), to: TODAY }),
      false,
    );
  }, 90_000);

  it('answers a day whose rollup failed from raw events, with the same figures', async () => {
    const day = addDays(TODAY, -2);
    await client.query(
      `UPDATE analytics_rollup_ledger SET status = 'failed' WHERE day = $1 AND rollup = 'sessions'`,
      [day],
    );
    const a = await answers(KEPT);
    expect(a['session-durations:0'].source?.rawDays).toEqual([day, TODAY]);
    expect(a['utm'].source?.rawDays).toEqual([TODAY]);
    await expectRawFigures(KEPT, a, false);
  }, 60_000);
});
