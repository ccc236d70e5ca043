import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import {
  AnalyticsRollupService,
  DERIVED_ROLLUPS,
  ROLLUP_NAMES,
} from '../src/modules/analytics/rollup/index.js';
import { insertFixtureEvents } from './fixtures/analytics-events.js';
import { dayOf, everyDay, shiftDay, type DayRange } from './fixtures/oracle/arithmetic.js';
import { blankEvent, buildReportEvents, insertReportCatalog, learnerDay } from './fixtures/report-events.js';
import { insertReportLearning } from './fixtures/report-learning.js';
import { ReportOracle, type ReportCase } from './fixtures/report-oracle.js';
import { createUserWithTokens } from './utils/auth.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

const SESSION_FILTERS: Record<string, string>[] = [
  {},
  { platform: 'mobile' },
  { utmSource: 'google' },
  { utmSource: 'Direct' },
  { platform: 'web', utmSource: 'newsletter' },
];
const GRANULARITIES = ['day', 'week', 'month'].map((granularity) => ({ granularity }));

/** Every report, with each of its filters, and limits that cut the rows. */
const CASES: ReportCase[] = [
  ...GRANULARITIES.map((query) => ({ path: 'engagement/active-users', query })),
  ...GRANULARITIES.map((query) => ({ path: 'engagement/registrations', query })),
  ...SESSION_FILTERS.flatMap((f) => [
    { path: 'engagement/session-durations', query: f },
    { path: 'journey/login-funnel', query: f },
    { path: 'marketing/landing-pages', query: { ...f, limit: 1000 } },
  ]),
  { path: 'marketing/landing-pages', query: { limit: 2 } },
  { path: 'engagement/page-views', query: { groupBy: 'page', limit: 1000 } },
  { path: 'engagement/page-views', query: { groupBy: 'pageType', limit: 1000 } },
  { path: 'engagement/page-views', query: { groupBy: 'page', limit: 3 } },
  ...GRANULARITIES.map((query) => ({ path: 'courses/enrolments', query })),
  { path: 'courses/enrolments', query: { granularity: 'week', courseId: 'rc-a' } },
  ...['courses/completion-rates', 'courses/time-to-complete', 'courses/drop-off'].flatMap(
    (path): ReportCase[] => [
      { path, query: {} },
      { path, query: { courseId: 'rc-b' } },
    ],
  ),
  { path: 'marketing/utm-performance', query: {} },
  { path: 'marketing/utm-performance', query: { utmSource: 'google' } },
  { path: 'marketing/traffic-sources', query: {} },
  { path: 'marketing/traffic-sources', query: { platform: 'mobile' } },
  { path: 'content/top-classes', query: { limit: 1000 } },
  { path: 'content/top-classes', query: { courseId: 'rc-a', limit: 1000 } },
  { path: 'content/top-classes', query: { limit: 3 } },
  ...['content/video-completion', 'content/contest-participation', 'content/watch-time'].flatMap(
    (path): ReportCase[] => [
      { path, query: {} },
      { path, query: { courseId: 'rc-a' } },
    ],
  ),
  { path: 'journey/course-discovery', query: {} },
  { path: 'journey/course-discovery', query: { courseId: 'rc-b' } },
  { path: 'journey/module-progression', query: {} },
  { path: 'journey/module-progression', query: { courseId: 'rc-a' } },
  { path: 'journey/milestone-times', query: {} },
];
const label = (c: ReportCase) => `${c.path} ${JSON.stringify(c.query)}`;

type Body = Record<string, unknown> & {
  rows: Record<string, unknown>[];
  totals: Record<string, unknown>;
  source?: { rawDays: string[]; provisionalDays: { day: string; aggregatesUntil: string }[] };
};

/** JSON with keys sorted, so two answers compare whatever order their keys were written in. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );

describe('analytics reports: every answer is the one raw events and the learning tables give', () => {
  /**
   * One instant for the whole file, taken once as it loads: the fixture's days, accounts,
   * enrolments and progress, every range, and the prune's "now" are laid out from it, so nothing
   * the test asks moves when the run crosses UTC midnight. What still reads the real clock changes
   * no answer: the app's "today" only bounds which days can have data (a day not rolled up is
   * answered from its raw events whether it is today or yesterday by then, and no event lies after
   * NOW's day); drop-off's 14 days are counted by the oracle from each request too, and no progress
   * lies within 6 hours of that edge; the ledger's seal (database time) only ever covers more days
   * as time passes, and the prune keeps to NOW's cutoff.
   */
  const NOW = new Date();
  const TODAY = dayOf(NOW.getTime());
  const FIRST_DAY = shiftDay(TODAY, -13);
  const DAYS = everyDay({ from: FIRST_DAY, to: TODAY });
  const FULL = { from: FIRST_DAY, to: TODAY };
  /** The older half only (pruned later); the days kept raw; back to before tracking started; one day. */
  const PAST = { from: FIRST_DAY, to: shiftDay(TODAY, -6) };
  const KEPT = { from: shiftDay(TODAY, -7), to: TODAY };
  const LONG = { from: shiftDay(TODAY, -45), to: TODAY };
  const ONE_DAY = { from: shiftDay(TODAY, -5), to: shiftDay(TODAY, -5) };
  const RANGES = [FULL, PAST, KEPT, LONG, ONE_DAY];

  let t: TestApp;
  let client: pg.Client;
  let oracle: ReportOracle;
  let staff: { Authorization: string };

  beforeAll(async () => {
    t = await createTestApp({ ANALYTICS_RETENTION_DAYS: '7' });
    client = new pg.Client({ connectionString: t.db.url });
    await client.connect();
    await insertReportCatalog(client, DAYS);
    await insertReportLearning(client, NOW);
    await insertFixtureEvents(client, [
      ...buildReportEvents(DAYS),
      ...learnerDay(shiftDay(TODAY, -2), 'learner-on-day'),
    ]);
    staff = (await createUserWithTokens(t, 'staff')).auth;
    oracle = await ReportOracle.snapshot(client);
  }, 60_000);
  afterAll(async () => {
    await client.end();
    await t.close();
  });

  const get = async (path: string, query: Record<string, string | number>): Promise<Body> =>
    (await request(t.http).get(`/analytics/reports/${path}`).query(query).set(staff).expect(200)).body;

  /**
   * Every case over each range, next to the oracle's answer: all of the answer but `source` must be
   * equal. Returns the app's answers (by range and case) for comparisons between states.
   */
  async function expectOracleAnswers(ranges: DayRange[]): Promise<Record<string, Body>> {
    const answers: Record<string, Body> = {};
    const wrong: { label: string; answer: unknown; expected: unknown }[] = [];
    for (const range of ranges) {
      for (const c of CASES) {
        const body = await get(c.path, { ...range, ...c.query });
        const { source: _source, ...answer } = body;
        const name = `${range.from}…${range.to} ${label(c)}`;
        const expected = await oracle.expected(c, range, new Date());
        answers[name] = body;
        if (canonical(answer) !== canonical(expected)) wrong.push({ label: name, answer, expected });
      }
    }
    // All the differences by name, and the first one in full.
    expect({ wrong: wrong.map((w) => w.label), first: wrong[0]?.answer }).toEqual({
      wrong: [],
      first: wrong[0]?.expected,
    });
    return answers;
  }
  const withoutSource = (a: Record<string, Body>) =>
    Object.fromEntries(Object.entries(a).map(([k, { source: _s, ...rest }]) => [k, rest]));
  const rawDays = (a: Record<string, Body>, range: DayRange, path: string) =>
    a[`${range.from}…${range.to} ${label(CASES.find((c) => c.path === path)!)}`]?.source?.rawDays;

  let rolledUp: Record<string, Body>;

  it('answers from raw events when nothing is rolled up yet', async () => {
    const a = await expectOracleAnswers(RANGES);
    expect(rawDays(a, FULL, 'marketing/utm-performance')).toEqual(DAYS);
    // The fixture is not trivial: every report has rows with figures in a range, and the odd cases exist.
    for (const path of new Set(CASES.map((c) => c.path))) {
      const figures = Object.entries(a)
        .filter(([name]) => name.includes(` ${path} `))
        .flatMap(([, body]) => body.rows.flatMap((r) => Object.values(r)))
        .filter((v) => typeof v === 'number' && v > 0);
      expect({ path, figures: figures.length > 3 }).toEqual({ path, figures: true });
    }
    const rows = (path: string) =>
      Object.entries(a)
        .filter(([name]) => name.startsWith(`${LONG.from}…${LONG.to} ${path} {}`))
        .flatMap(([, body]) => body.rows);
    expect(rows('journey/module-progression').map((r) => r.progressionRate)).toEqual(
      expect.arrayContaining([null, expect.any(Number)]),
    );
    expect(rows('journey/module-progression').some((r) => r.position === null)).toBe(true);
    expect(rows('journey/course-discovery').some((r) => r.courseTitle === null)).toBe(true);
    expect(rows('courses/drop-off').length).toBeGreaterThan(1);
    expect(rows('journey/milestone-times').every((r) => Number(r.users) > 1)).toBe(true);
  }, 180_000);

  it('answers closed days from the aggregates and today from raw events, with the same figures', async () => {
    // Rolled up without pruning (the daily job would also prune): raw events stay to compare with.
    const run = await t.app.get(AnalyticsRollupService).rollupRange(FIRST_DAY, shiftDay(TODAY, -1));
    expect(run.ran).toBe(true);
    rolledUp = await expectOracleAnswers(RANGES);
    expect(rawDays(rolledUp, FULL, 'marketing/utm-performance')).toEqual([TODAY]);
    expect(rawDays(rolledUp, FULL, 'engagement/session-durations')).toEqual([TODAY]);
    expect(rawDays(rolledUp, PAST, 'marketing/utm-performance')).toEqual([]);
  }, 180_000);

  const derivedSnapshot = async () => {
    const out: Record<string, string[]> = {};
    for (const { table } of DERIVED_ROLLUPS) {
      const { rows } = await client.query(`SELECT to_jsonb(a) - 'id' AS r FROM ${table} a`);
      out[table] = rows.map((r) => JSON.stringify(r.r)).sort();
    }
    return out;
  };

  it('rebuilds the report aggregates from the base ones after migrating them in (analytics:rebuild)', async () => {
    const before = await derivedSnapshot();
    expect(before['analytics_daily_chain_counts']?.length).toBeGreaterThan(50);
    const migrator = t.orm.getMigrator();
    await migrator.down({ to: 'Migration20261125160000_learning_rules' });
    await migrator.up();
    // The migrations only mark the days 'pending' (they run no live rollup code): the rebuild derives them.
    const days = await client.query(
      `SELECT count(DISTINCT day) FILTER (WHERE status = 'pending')::int AS pending, count(DISTINCT day)::int AS all
       FROM analytics_rollup_ledger`,
    );
    expect(days.rows[0].pending).toBeGreaterThan(5);
    expect(days.rows[0].pending).toBe(days.rows[0].all);
    const rebuilt = await t.app.get(AnalyticsRollupService).rebuildPending();
    expect(rebuilt.ran && rebuilt.result.failed).toEqual([]);
    expect(await derivedSnapshot()).toEqual(before);
    const sealed = await client.query(
      `SELECT count(DISTINCT rollup)::int AS n FROM analytics_rollup_ledger WHERE day = $1 AND status = 'done'
         AND started_at >= ($1::date + 4)::timestamp AT TIME ZONE 'UTC'`,
      [FIRST_DAY],
    );
    expect(sealed.rows[0].n).toBe(8 + DERIVED_ROLLUPS.length);
    await expectOracleAnswers(RANGES);
  }, 180_000);

  it('gives the same answers once the raw events of the older days are pruned', async () => {
    const pruned = await t.app.get(AnalyticsRollupService).prune({ now: NOW });
    expect(pruned.ran && pruned.result.dropped).toEqual(
      everyDay({ from: FIRST_DAY, to: shiftDay(TODAY, -8) }),
    );
    const gone = await client.query(
      `SELECT count(*)::int AS n FROM analytics_events WHERE "timestamp" < $1`,
      [new Date(`${shiftDay(TODAY, -7)}T00:00:00Z`)],
    );
    expect(gone.rows[0].n).toBe(0);
    // The oracle answers from its own copy of the raw events, taken before the prune.
    const after = await expectOracleAnswers(RANGES);
    expect(withoutSource(after)).toEqual(withoutSource(rolledUp));
  }, 180_000);

  it('answers a day whose sessions rollup failed from raw events, with the same figures', async () => {
    const day = shiftDay(TODAY, -2);
    await client.query(
      `UPDATE analytics_rollup_ledger SET status = 'failed' WHERE day = $1 AND rollup = 'sessions'`,
      [day],
    );
    const a = await expectOracleAnswers(RANGES);
    expect(rawDays(a, KEPT, 'engagement/session-durations')).toEqual([day, TODAY]);
    expect(rawDays(a, KEPT, 'marketing/utm-performance')).toEqual([TODAY]);
  }, 180_000);

  it('answers a day whose every rollup failed, before days that are rolled up, from raw events', async () => {
    // The day's re-roll failed after late events arrived: a learner's first visit, view of a
    // course and class start now lie on that day, before the stored days that counted them first.
    const day = shiftDay(TODAY, -4);
    const failed = await client.query(
      `UPDATE analytics_rollup_ledger SET status = 'failed' WHERE day = $1 AND rollup = ANY($2)`,
      [day, ROLLUP_NAMES],
    );
    expect(failed.rowCount).toBe(ROLLUP_NAMES.length);
    const late = learnerDay(day, 'learner-late');
    await insertFixtureEvents(client, late);
    await oracle.addEvents(late);
    // Also a range just after the day: a first time stored in it is no first time any more.
    const a = await expectOracleAnswers([...RANGES, { from: shiftDay(day, 1), to: TODAY }]);
    for (const path of ['engagement/active-users', 'journey/milestone-times', 'journey/course-discovery'])
      expect({ path, raw: rawDays(a, KEPT, path) }).toEqual({ path, raw: [day, TODAY] });
  }, 180_000);

  /**
   * Today refreshed up to W (the intraday refresh): its aggregates up to W plus the raw events after
   * it, sessions that cross W (and midnight, from yesterday), a login funnel, first milestones and
   * chains completed after W, a session wholly after W, and a late event (before W, after the refresh).
   */
  it('answers a provisional today from its aggregates up to W plus the raw tail, with the same figures', async () => {
    const W = new Date(`${TODAY}T12:00:00.000Z`);
    const YESTERDAY = shiftDay(TODAY, -1);
    const at = (minutes: number) => new Date(W.getTime() + minutes * 60_000);
    const learner = (id: string, user: string | null) => ({
      session_id: id,
      user_id: user,
      user_email: user && `${user}@example.com`,
      is_logged_in: user !== null,
    });
    const auth = (action: string) => ({ event_type: 'auth_event', event_action: action });
    const course = (action: string, course_id: string) => ({
      event_type: 'course_event',
      event_action: action,
      course_id,
    });
    const tail: [minutes: number, fields: Record<string, unknown>][] = [
      // A login funnel: two steps before W, the rest (and the login) after.
      [
        -3,
        { ...learner('live-funnel', null), page: '/login?utm_source=newsletter', utm_source: 'newsletter' },
      ],
      [-2, { ...learner('live-funnel', null), ...auth('login_button_clicked') }],
      [-1, { ...learner('live-funnel', null), ...auth('email_entered') }],
      [1, { ...learner('live-funnel', null), ...auth('otp_requested') }],
      [2, { ...learner('live-funnel', null), ...auth('otp_entered') }],
      [3, { ...learner('live-funnel', 'ru-live'), ...auth('login_success') }],
      // A bounce up to W that goes on after it: no bounce, a longer session.
      [-5, { ...learner('live-bounce', 'ru-3'), page: '/courses', platform: 'mobile' }],
      [4, { ...learner('live-bounce', 'ru-3'), page: '/courses/rc-b', platform: 'mobile' }],
      // A new learner's whole session after W: landing, first course view, class start, module.
      [5, { ...learner('live-new', 'ru-live'), page: '/courses/rc-a', utm_source: 'google' }],
      [6, { ...learner('live-new', 'ru-live'), ...course('course_viewed', 'rc-a') }],
      [
        7,
        {
          ...learner('live-new', 'ru-live'),
          ...course('module_started', 'rc-a'),
          custom_data: { module_id: 'rm-a1' },
        },
      ],
      [
        8,
        {
          ...learner('live-new', 'ru-live'),
          event_type: 'class_event',
          event_action: 'class_started',
          course_id: 'rc-a',
          class_id: 'rk-a1',
          custom_data: { module_id: 'rm-a1' },
        },
      ],
      // Yesterday's last session (it crossed midnight) comes back after W.
      [9, { ...learner(`rs-${DAYS.length - 2}-13`, null), page: '/pricing' }],
    ];
    const events = (prefix: string, list: typeof tail) =>
      list.map(([minutes, fields], i) => blankEvent(`${prefix}-${i}`, at(minutes), fields));
    const added = events('live', tail);
    await insertFixtureEvents(client, added);
    await oracle.addEvents(added);
    const refresh = async () =>
      expect((await t.app.get(AnalyticsRollupService).refreshToday({ until: W })).ran).toBe(true);
    await refresh();
    expect(added.filter((e) => e.timestamp <= W).length).toBe(4);
    const RECENT = { from: YESTERDAY, to: TODAY };
    const ONLY_TODAY = { from: TODAY, to: TODAY };
    const a = await expectOracleAnswers([KEPT, RECENT, ONLY_TODAY]);
    // Every event report read today from its aggregates up to W, and only its tail from raw events.
    const sources = Object.entries(a)
      .filter(([name, body]) => name.startsWith(`${TODAY}…`) && body.source?.rawDays)
      .map(([name, { source }]) => ({ name, raw: source?.rawDays, provisional: source?.provisionalDays }));
    expect(sources.length).toBeGreaterThan(30);
    for (const s of sources)
      expect(s).toEqual({
        ...s,
        raw: [],
        provisional: [expect.objectContaining({ day: TODAY, aggregatesUntil: W.toISOString() })],
      });

    // A late event (before W, after the refresh) counts from the next refresh on.
    const views = async () => {
      const { source: _s, ...answer } = await get('engagement/page-views', {
        ...ONLY_TODAY,
        groupBy: 'page',
        limit: 1000,
      });
      return answer;
    };
    const before = await views();
    const late = events('late', [[-30, { ...learner('live-late', null), page: '/courses/rc-b' }]]);
    await insertFixtureEvents(client, late);
    expect(await views()).toEqual(before);
    await refresh();
    await oracle.addEvents(late);
    expect(await views()).not.toEqual(before);
    await expectOracleAnswers([RECENT]);
  }, 240_000);
});
