import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { AnalyticsRollupService } from '../src/modules/analytics/rollup/index.js';
import { insertFixtureEvents } from './fixtures/analytics-events.js';
import { insertKnownLearning, knownEvents, WEEK } from './fixtures/report-known.js';
import { SPEC_QUERIES } from './fixtures/spec-queries.js';
import { createUserWithTokens } from './utils/auth.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { REPORT_PATHS } from './fixtures/report-paths.js';

const REPORTS = REPORT_PATHS;

type Body = {
  rows: Record<string, unknown>[];
  totals: Record<string, unknown>;
  source?: { rawDays: string[] };
};

describe('analytics reports: hand-checked figures, parameters, roles, CSV', () => {
  let t: TestApp;
  let client: pg.Client;
  let staff: { Authorization: string };
  let student: { Authorization: string };

  beforeAll(async () => {
    t = await createTestApp();
    client = new pg.Client({ connectionString: t.db.url });
    await client.connect();
    await insertFixtureEvents(client, knownEvents());
    await insertKnownLearning(client);
    staff = (await createUserWithTokens(t, 'admin')).auth;
    student = (await createUserWithTokens(t, 'student')).auth;
  });
  afterAll(async () => {
    await client.end();
    await t.close();
  });

  const get = async (path: string, query: Record<string, string | number>): Promise<Body> =>
    (await request(t.http).get(`/analytics/reports/${path}`).query(query).set(staff).expect(200)).body;
  const column = (body: Body, name: string) => body.rows.map((r) => r[name]);

  async function expectKnownEventFigures(): Promise<void> {
    const daily = await get('engagement/active-users', WEEK);
    expect(column(daily, 'activeUsers')).toEqual([1, 2, 1, 0, 0, 0, 1]);
    expect(daily.totals).toEqual({ activeUsers: 3 });
    const weekly = await get('engagement/active-users', { ...WEEK, granularity: 'week' });
    expect(weekly.rows).toEqual([{ start: WEEK.from, end: WEEK.to, activeUsers: 3 }]);
    const monthly = await get('engagement/active-users', {
      from: '2025-02-24',
      to: WEEK.to,
      granularity: 'month',
    });
    expect(monthly.rows).toEqual([
      { start: '2025-02-24', end: '2025-02-28', activeUsers: 0 },
      { start: '2025-03-01', end: WEEK.to, activeUsers: 3 },
    ]);
    expect((await get('engagement/active-users', { from: '2025-03-05', to: '2025-03-08' })).totals).toEqual({
      activeUsers: 1,
    });

    const funnel = await get('journey/login-funnel', WEEK);
    expect(column(funnel, 'sessions')).toEqual([4, 3, 3, 2, 2, 2, 1]);
    expect(column(funnel, 'conversionRate')).toEqual([100, 75, 75, 50, 50, 50, 25]);
    expect(column(funnel, 'stepConversionRate')).toEqual([100, 75, 100, 66.67, 100, 100, 50]);
    expect(funnel.totals).toEqual({ started: 4, completed: 1, conversionRate: 25 });
    expect(column(await get('journey/login-funnel', { ...WEEK, platform: 'mobile' }), 'sessions')).toEqual([
      1, 1, 1, 1, 1, 1, 1,
    ]);
    // The session across midnight counts once, whole, from either day's side of the range.
    expect(
      column(await get('journey/login-funnel', { from: '2025-03-05', to: '2025-03-05' }), 'sessions'),
    ).toEqual([0, 0, 0, 0, 0, 0, 0]);
  }

  it('gives the hand-checked active users and login funnel from raw events', async () => {
    const body = await get('journey/login-funnel', WEEK);
    expect(body.source?.rawDays).toContain('2025-03-03');
    await expectKnownEventFigures();
  });

  it('fixes the spec’s funnel, which counts each step without the earlier ones', async () => {
    const spec = SPEC_QUERIES.find((q) => q.name.includes('funnel'))!;
    const sql = spec.sql.replace(
      `timestamp >= NOW() - INTERVAL '30 days'`,
      `timestamp >= '2025-03-03' AND timestamp < '2025-03-10'`,
    );
    const { rows } = await client.query<{ users: string }>(sql);
    expect(rows.map((r) => Number(r.users))).toEqual([4, 4, 4, 3, 2, 2, 1]);
  });

  it('gives the same figures from the aggregates once the week is rolled up and its raw events pruned', async () => {
    const run = await t.app.get(AnalyticsRollupService).runDaily();
    expect(run.ran && run.result.pruned.dropped).toEqual(
      expect.arrayContaining(['2025-03-03', '2025-03-09']),
    );
    const raw = await client.query(
      `SELECT count(*)::int AS n FROM analytics_events WHERE "timestamp" < '2025-04-01'`,
    );
    expect(raw.rows[0].n).toBe(0);
    // Friday and Saturday had no events at all: nothing was rolled up, and they say so.
    expect((await get('journey/login-funnel', WEEK)).source).toEqual({
      rawDays: [],
      provisionalDays: [],
      missingDays: ['2025-03-07', '2025-03-08'],
      server: 'primary', // no DATABASE_REPLICA_URL
    });
    await expectKnownEventFigures();
  }, 60_000);

  it('gives the hand-checked completion rates, time to complete, drop-off and watch time', async () => {
    const completion = await get('courses/completion-rates', { ...WEEK, courseId: 'K' });
    expect(completion.rows).toEqual([
      {
        courseId: 'K',
        courseTitle: 'Known course',
        classes: 3,
        enrolled: 4,
        completed: 1,
        completionRate: 25,
      },
    ]);
    const allTime = await get('courses/completion-rates', { from: '2025-01-01', to: WEEK.to, courseId: 'K' });
    expect(allTime.totals).toEqual({ enrolled: 5, completed: 2, completionRate: 40 });
    // The spec's query counts learners with any single class completed: 4 of 5.
    const spec = await client.query(
      SPEC_QUERIES.find((q) => q.name.includes('Completion rate by course'))!.sql,
    );
    expect(spec.rows.find((r) => r.course_name === 'Known course')).toMatchObject({
      enrolled_users: '5',
      completed_users: '4',
      completion_rate: '80.00',
    });

    expect(await get('courses/time-to-complete', { ...WEEK, courseId: 'K' })).toMatchObject({
      rows: [{ courseId: 'K', completions: 1, averageDays: 3, medianDays: 3 }],
      totals: { completions: 1, averageDays: 3, medianDays: 3 },
    });
    expect((await get('courses/time-to-complete', { from: '2025-02-01', to: WEEK.to })).totals).toMatchObject(
      { completions: 2 },
    );

    const drop = await get('courses/drop-off', { ...WEEK, courseId: 'K' });
    expect(drop.rows).toEqual([
      {
        courseId: 'K',
        courseTitle: 'Known course',
        classId: 'k2',
        classTitle: 'Video two',
        position: 2,
        learners: 1,
        percent: 50,
      },
      {
        courseId: 'K',
        courseTitle: 'Known course',
        classId: 'k3',
        classTitle: 'Reading',
        position: 3,
        learners: 1,
        percent: 50,
      },
    ]);
    expect(drop.totals).toEqual({ droppedLearners: 2 });

    const watch = await get('content/watch-time', { ...WEEK, courseId: 'K' });
    expect(watch.rows).toEqual([
      {
        contentType: 'text',
        learnerClasses: 2,
        averageWatchSeconds: 70,
        averageWatchPercent: 70,
        completed: 1,
        completionRate: 50,
      },
      {
        contentType: 'video',
        learnerClasses: 6,
        averageWatchSeconds: 84.7,
        averageWatchPercent: 84.67,
        completed: 5,
        completionRate: 83.33,
      },
    ]);
    expect(watch.totals).toEqual({
      learnerClasses: 8,
      averageWatchSeconds: 81,
      averageWatchPercent: 81,
      completed: 6,
      completionRate: 75,
    });
    // The spec's "average completion rate per user" divides integers: l3 watched 90 %, 91 % and 30 %, and gets 0.
    const perUser = await client.query(SPEC_QUERIES.find((q) => q.name.includes('per user'))!.sql);
    expect(perUser.rows.find((r) => r.email === 'l3@known.example.com')).toMatchObject({
      avg_watch_percentage: '0.00',
    });
  });

  it('gives the hand-checked registrations and enrolments per period', async () => {
    const registrations = await get('engagement/registrations', WEEK);
    expect(column(registrations, 'registrations')).toEqual([2, 1, 0, 0, 0, 0, 1]);
    expect(registrations.totals).toEqual({ registrations: 4 });
    const enrolments = await get('courses/enrolments', { ...WEEK, granularity: 'week', courseId: 'K' });
    expect(enrolments.rows).toEqual([{ start: WEEK.from, end: WEEK.to, enrolments: 4 }]);
    expect((await get('courses/enrolments', { ...WEEK, courseId: 'other' })).totals).toEqual({
      enrolments: 0,
    });
  });

  it('answers an empty range with zeros', async () => {
    for (const path of REPORTS) {
      const body = await get(path, { from: '2020-01-01', to: '2020-01-31' });
      const numbers = [...body.rows.flatMap((r) => Object.entries(r)), ...Object.entries(body.totals)]
        .filter(
          ([k, v]) =>
            typeof v === 'number' && !['classes', 'position', 'step', 'minSeconds', 'maxSeconds'].includes(k),
        )
        .map(([, v]) => v);
      expect({ path, nonZero: numbers.filter((v) => v !== 0) }).toEqual({ path, nonZero: [] });
    }
  });

  it.each([
    [{ to: '2025-03-09' }, 'from'],
    [{ from: '2025-3-1', to: '2025-03-09' }, 'from'],
    [{ from: '2025-03-01', to: '2025-02-30' }, 'to'],
    [{ from: '2025-03-09', to: '2025-03-01' }, 'from'],
    [{ from: '2023-01-01', to: '2025-01-01' }, 'from'],
    [{ from: '2025-03-01', to: '2025-03-09', granularity: 'year' }, 'granularity'],
    [{ from: '2025-03-01', to: '2025-03-09', colour: 'red' }, 'colour'],
  ])('answers 400 naming the parameter: %j', async (query, field) => {
    const res = await request(t.http)
      .get('/analytics/reports/engagement/active-users')
      .query(query)
      .set(staff)
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'validation_failed' });
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([field]);
  });

  it('names the parameter of the other reports too', async () => {
    const bad = async (path: string, query: Record<string, string>, field: string) => {
      const res = await request(t.http)
        .get(`/analytics/reports/${path}`)
        .query({ ...WEEK, ...query })
        .set(staff)
        .expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([field]);
    };
    await bad('engagement/session-durations', { platform: 'tv' }, 'platform');
    await bad('engagement/page-views', { limit: '0' }, 'limit');
    await bad('engagement/page-views', { groupBy: 'host' }, 'groupBy');
    await bad('marketing/utm-performance', { utmSource: '' }, 'utmSource');
    await bad('courses/completion-rates', { granularity: 'day' }, 'granularity');
    // Two years at most, leap day included: 2024-01-01 … 2025-12-31 is fine.
    await get('engagement/active-users', { from: '2024-01-01', to: '2025-12-31', granularity: 'month' });
  });

  it('answers 403 to students on every report', async () => {
    for (const path of REPORTS) {
      const res = await request(t.http).get(`/analytics/reports/${path}`).query(WEEK).set(student);
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
    }
  });

  it('answers CSV for Accept: text/csv, with a header row and RFC 4180 quoting', async () => {
    await client.query(
      `INSERT INTO analytics_events (id, event_type, page, "timestamp") VALUES ('csv-1', 'we_page_load', '/search/a,"b"', '2025-04-02T10:00:00Z')`,
    );
    const res = await request(t.http)
      .get('/analytics/reports/engagement/page-views')
      .query({ from: '2025-04-02', to: '2025-04-02' })
      .set(staff)
      .set('Accept', 'text/csv')
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename=page-views_2025-04-02_2025-04-02.csv',
    );
    expect(res.text).toBe('page,pageViews,percent\r\n"/search/a,""b""",1,100\r\n');
    const series = await request(t.http)
      .get('/analytics/reports/engagement/active-users')
      .query(WEEK)
      .set(staff)
      .set('Accept', 'text/csv');
    expect(series.text.split('\r\n').slice(0, 3)).toEqual([
      'start,end,activeUsers',
      '2025-03-03,2025-03-03,1',
      '2025-03-04,2025-03-04,2',
    ]);
    const json = await request(t.http)
      .get('/analytics/reports/engagement/active-users')
      .query(WEEK)
      .set(staff)
      .set('Accept', 'application/json, text/csv;q=0.5');
    expect(json.headers['content-type']).toMatch(/^application\/json/);
  });
});
