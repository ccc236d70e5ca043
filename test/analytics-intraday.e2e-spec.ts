import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import {
  addDays,
  AnalyticsRollupService,
  ROLLUP_NAMES,
  ROLLUPS,
  utcDay,
} from '../src/modules/analytics/rollup/index.js';
import { intradayCron } from '../src/modules/analytics/jobs/analytics-rollup.job.js';
import { buildFixtureEvents, insertFixtureEvents, type FixtureEvent } from './fixtures/analytics-events.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { createUserWithTokens } from './utils/auth.js';
import { defined } from '../src/common/assert/defined.js';

/**
 * The intraday refresh (issue 13, phase 1): today so far rolled up as a provisional day, with the
 * same statements as the nightly rollup, bounded by the watermark W.
 */
const NOW = new Date();
const TODAY = utcDay(NOW);
const YESTERDAY = addDays(TODAY, -1);
const TOMORROW_NOON = new Date(`${addDays(TODAY, 1)}T12:00:00Z`);
/** The fixture's sessions run from 09:00 to about 10:00: W splits them, sessions across it included. */
const W = new Date(`${TODAY}T09:20:00.000Z`);
/** Every aggregate table the rollups write. */
const AGGREGATES = ROLLUPS.map((r) => r.table);

describe('intraday refresh: today so far as a provisional day', () => {
  let t: TestApp;
  let client: pg.Client;
  let rollups: AnalyticsRollupService;
  let staff: { Authorization: string };
  let today: FixtureEvent[];

  beforeAll(async () => {
    t = await createTestApp();
    client = new pg.Client({ connectionString: t.db.url });
    await client.connect();
    rollups = t.app.get(AnalyticsRollupService);
    staff = (await createUserWithTokens(t, 'admin')).auth;
    // The fixture's last event of a day is at 23:59:59.999, after any W of the day.
    today = buildFixtureEvents([TODAY]).map((e) => ({ ...e, id: `td-${e.id}` }));
    await insertFixtureEvents(client, [
      ...buildFixtureEvents([YESTERDAY]).map((e) => ({ ...e, id: `yd-${e.id}` })),
      ...today,
    ]);
    const outcome = await rollups.rollupRange(YESTERDAY, YESTERDAY);
    expect(outcome.ran).toBe(true);
  }, 120_000);
  afterAll(async () => {
    await client.end();
    await t.close();
  });

  const rows = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
    (await client.query<R>(sql, params)).rows;
  /** Today's aggregate rows, without surrogate ids (and row numbers), in a stable order. */
  const snapshot = async (day = TODAY) => {
    const out: Record<string, string[]> = {};
    for (const table of AGGREGATES) {
      const data = await rows<{ r: unknown }>(
        `SELECT to_jsonb(a) - 'id' - 'row_no' AS r FROM ${table} a WHERE day = $1`,
        [day],
      );
      out[table] = data.map((d) => JSON.stringify(d.r)).sort();
    }
    return out;
  };
  const one = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
    defined((await rows<R>(sql, params))[0], sql);
  const ledger = (day = TODAY) =>
    rows<{ status: string; covers_until: Date | null; n: number }>(
      `SELECT status, covers_until, count(*)::int AS n FROM analytics_rollup_ledger WHERE day = $1
       GROUP BY status, covers_until`,
      [day],
    );
  const holdLock = async (name: string) => {
    const holder = new pg.Client({ connectionString: t.db.url });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    return { release: () => holder.end() };
  };

  it('rolls up the events up to W, marks every rollup of today provisional up to W', async () => {
    expect(today.some((e) => e.timestamp <= W)).toBe(true);
    expect(today.some((e) => e.timestamp > W)).toBe(true);
    const outcome = await rollups.refreshToday({ until: W });
    expect(outcome.ran).toBe(true);
    if (!outcome.ran) return;
    expect(outcome.result.finalised).toEqual([]);
    expect(outcome.result.refreshed?.coversUntil.toISOString()).toBe(W.toISOString());
    expect(outcome.result.refreshed?.sourceEvents).toBe(today.filter((e) => e.timestamp <= W).length);
    expect(await ledger()).toEqual([{ status: 'provisional', covers_until: W, n: ROLLUP_NAMES.length }]);
    const { events } = await one<{ events: number }>(
      `SELECT sum(events)::int AS events FROM analytics_daily_events WHERE day = $1`,
      [TODAY],
    );
    expect(events).toBe(today.filter((e) => e.timestamp <= W).length);
  });

  it('writes what the nightly rollup writes for the same events', async () => {
    const provisional = await snapshot();
    // The nightly statements (snapshot reader, COPY) over exactly the events up to W.
    const { rows: after } = await client.query<{ id: string }>(
      `DELETE FROM analytics_events WHERE "timestamp" > $1 AND "timestamp" < $2 RETURNING id`,
      [W, new Date(`${addDays(TODAY, 1)}T00:00:00Z`)],
    );
    try {
      expect((await rollups.rollupRange(TODAY, TODAY, TOMORROW_NOON)).ran).toBe(true);
      expect(await snapshot()).toEqual(provisional);
      expect((await ledger()).map((l) => l.status)).toEqual(['done']);
      // A final day is never refreshed.
      const outcome = await rollups.refreshToday();
      expect(outcome.ran && outcome.result.refreshed).toBeUndefined();
      expect(await snapshot()).toEqual(provisional);
    } finally {
      const ids = new Set(after.map((a) => a.id));
      await insertFixtureEvents(
        client,
        today.filter((e) => ids.has(e.id)),
      );
      await client.query(`DELETE FROM analytics_rollup_ledger WHERE day = $1`, [TODAY]);
    }
  });

  it('replaces the previous provisional rows: a later W counts the rest, nothing twice', async () => {
    expect((await rollups.refreshToday({ until: W })).ran).toBe(true);
    const later = new Date(`${TODAY}T23:59:59.999Z`);
    const outcome = await rollups.refreshToday({ until: later });
    expect(outcome.ran && outcome.result.refreshed?.sourceEvents).toBe(today.length);
    const { events, sessions } = await one<{ events: number; sessions: number }>(
      `SELECT (SELECT sum(events)::int FROM analytics_daily_events WHERE day = $1) AS events,
         (SELECT count(*)::int FROM analytics_daily_sessions WHERE day = $1) AS sessions`,
      [TODAY],
    );
    expect(events).toBe(today.length);
    expect(sessions).toBe(new Set(today.flatMap((e) => (e.session_id ? [e.session_id] : []))).size);
    expect(await ledger()).toEqual([{ status: 'provisional', covers_until: later, n: ROLLUP_NAMES.length }]);
  });

  it('covers events up to a minute before the refresh began when no W is given', async () => {
    const before = Date.now();
    const outcome = await rollups.refreshToday();
    expect(outcome.ran).toBe(true);
    const w = outcome.ran ? outcome.result.refreshed?.coversUntil.getTime() : undefined;
    const dayEnd = new Date(`${addDays(TODAY, 1)}T00:00:00Z`).getTime();
    expect(w).toBeLessThanOrEqual(Math.min(Date.now() - 60_000, dayEnd));
    expect(w).toBeGreaterThanOrEqual(Math.min(before - 61_000, dayEnd));
  });

  /** The reports that add counts up: answered from today's provisional aggregates plus the raw tail. */
  const ADDITIVE: [path: string, query: Record<string, string>][] = [
    ['content/top-classes', {}],
    ['content/video-completion', {}],
    ['content/contest-participation', {}],
    ['engagement/page-views', {}],
    ['engagement/page-views', { groupBy: 'pageType' }],
    ['journey/module-progression', {}],
  ];
  type Answer = {
    source: { rawDays: string[]; provisionalDays: { day: string; aggregatesUntil: string }[] };
  };
  const report = async (path: string, query: Record<string, string>, from = TODAY) =>
    (
      await request(t.http)
        .get(`/analytics/reports/${path}`)
        .query({ from, to: TODAY, ...query })
        .set(staff)
        .expect(200)
    ).body as Answer;
  const withoutSource = ({ source: _source, ...rest }: Answer) => rest;
  /** Every additive report over today and over yesterday–today, without `source`. */
  const answers = async () => {
    const out: unknown[] = [];
    for (const [path, query] of ADDITIVE)
      for (const from of [TODAY, YESTERDAY]) out.push(withoutSource(await report(path, query, from)));
    return out;
  };
  /** The same questions with today answered from raw events alone (no ledger entries for today). */
  const rawAnswers = async () => {
    const { rows: saved } = await client.query(
      `DELETE FROM analytics_rollup_ledger WHERE day = $1 RETURNING *`,
      [TODAY],
    );
    try {
      return await answers();
    } finally {
      await client.query(
        `INSERT INTO analytics_rollup_ledger SELECT * FROM json_populate_recordset(NULL::analytics_rollup_ledger, $1)`,
        [JSON.stringify(saved)],
      );
    }
  };
  /** Module starts and a class event of a learner, at `at` (module events come from learning events). */
  const learnerEvents = (id: string, at: Date): FixtureEvent[] =>
    ['module_started', 'class_started', 'module_completed'].map((action, i) => ({
      id: `${id}-${i}`,
      session_id: `sess-${id}`,
      user_id: 'user-late',
      user_email: null,
      is_logged_in: true,
      event_type: action.startsWith('module') ? 'course_event' : 'class_event',
      event_action: action,
      page: i === 1 ? '/courses/course-0' : null,
      course_id: 'course-0',
      class_id: 'class-0',
      utm_source: null,
      utm_medium: null,
      utm_campaign: null,
      platform: 'web',
      custom_data: { module_id: 'module-0' },
      timestamp: new Date(at.getTime() + i),
    }));

  it('reports that add counts up answer a provisional today from its aggregates plus the raw tail, as raw events do', async () => {
    expect((await rollups.refreshToday({ until: W })).ran).toBe(true);
    // Learning events on both sides of W, so module progression has something to count.
    const before = learnerEvents('mod-before', new Date(W.getTime() - 60_000));
    const after = learnerEvents('mod-after', new Date(W.getTime() + 60_000));
    await insertFixtureEvents(client, [...before, ...after]);
    expect((await rollups.refreshToday({ until: W })).ran).toBe(true);
    for (const [path, query] of ADDITIVE) {
      const { source } = await report(path, query);
      expect({ path, rawDays: source.rawDays, provisional: source.provisionalDays }).toEqual({
        path,
        rawDays: [],
        provisional: [expect.objectContaining({ day: TODAY, aggregatesUntil: W.toISOString() })],
      });
    }
    const provisional = await answers();
    expect(provisional).toEqual(await rawAnswers());
    const progression = JSON.stringify(withoutSource(await report('journey/module-progression', {})));
    expect(progression).toContain('"started":2');
    // A report over the day's sessions reads them from today's aggregates too (sessions merged).
    const durations = await report('engagement/session-durations', {});
    expect([durations.source.rawDays, durations.source.provisionalDays]).toEqual([
      [],
      [expect.objectContaining({ day: TODAY, aggregatesUntil: W.toISOString() })],
    ]);
  });

  it('an event after W counts at once; a late one (before W, after the refresh) from the next refresh', async () => {
    expect((await rollups.refreshToday({ until: W })).ran).toBe(true);
    const refreshed = await answers();
    await insertFixtureEvents(client, learnerEvents('tail', new Date(W.getTime() + 120_000)));
    const withTail = await answers();
    expect(withTail).not.toEqual(refreshed);
    expect(withTail).toEqual(await rawAnswers());
    await insertFixtureEvents(client, learnerEvents('late', new Date(W.getTime() - 120_000)));
    // Not in the aggregates (it came after the refresh) nor in the tail (it is before W).
    expect(await answers()).toEqual(withTail);
    expect(await rawAnswers()).not.toEqual(withTail);
    expect((await rollups.refreshToday({ until: W })).ran).toBe(true);
    expect(await answers()).toEqual(await rawAnswers());
  });

  it('skips a round while the analytics lock is taken, and leaves the last provisional rows', async () => {
    const before = await snapshot();
    const lock = await holdLock('analytics:maintenance');
    try {
      expect(await rollups.refreshToday()).toEqual({ ran: false });
    } finally {
      await lock.release();
    }
    expect(await snapshot()).toEqual(before);
  });

  it('the nightly run waits for a refresh (or any holder of the lock) instead of skipping the night', async () => {
    const lock = await holdLock('analytics:maintenance');
    const nightly = rollups.runNightly();
    let settled = false;
    void nightly.finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 1_000));
    expect(settled).toBe(false);
    await lock.release();
    const outcome = await nightly;
    expect(outcome.ran).toBe(true);
    // Today stays provisional: the nightly run finalises closed days only.
    expect((await ledger()).map((l) => l.status)).toEqual(['provisional']);
  });

  it('a nightly run already under way on another instance is not repeated', async () => {
    const lock = await holdLock('analytics:nightly');
    try {
      expect(await rollups.runNightly()).toEqual({ ran: false });
    } finally {
      await lock.release();
    }
  });

  it('the first round after midnight rolls a provisional yesterday up to its end, as a final day', async () => {
    // Yesterday as a refresh left it at 09:20: provisional.
    await client.query(`DELETE FROM analytics_rollup_ledger WHERE day = $1`, [YESTERDAY]);
    const yesterdayW = new Date(`${YESTERDAY}T09:20:00Z`);
    const partial = await rollups.refreshToday({
      now: new Date(`${YESTERDAY}T09:21:00Z`),
      until: yesterdayW,
    });
    expect(partial.ran).toBe(true);
    expect((await ledger(YESTERDAY)).map((l) => l.status)).toEqual(['provisional']);
    const outcome = await rollups.refreshToday({ until: W });
    expect(outcome.ran && outcome.result.finalised.map((d) => d.day)).toEqual([YESTERDAY]);
    expect((await ledger(YESTERDAY)).map((l) => [l.status, l.covers_until])).toEqual([['done', null]]);
    const { events } = await one<{ events: number }>(
      `SELECT sum(events)::int AS events FROM analytics_daily_events WHERE day = $1`,
      [YESTERDAY],
    );
    expect(events).toBe(buildFixtureEvents([YESTERDAY]).length);
  });

  it('refuses a W on another day, and a rollup of days that have not begun', async () => {
    await expect(rollups.refreshToday({ until: new Date(`${YESTERDAY}T12:00:00Z`) })).rejects.toThrow(
      /covers today/,
    );
    await expect(rollups.rollupRange(TODAY, addDays(TODAY, 1))).rejects.toThrow(/has not begun/);
  });

  it('rolls up through today from the back office as a provisional today', async () => {
    const outcome = await rollups.rollupRange(YESTERDAY, TODAY);
    expect(outcome.ran && outcome.result.map((d) => d.day)).toEqual([YESTERDAY, TODAY]);
    expect((await ledger(YESTERDAY)).map((l) => l.status)).toEqual(['done']);
    expect((await ledger()).map((l) => l.status)).toEqual(['provisional']);
  });

  it('schedules a round every N minutes, half a minute past', () => {
    expect(intradayCron(5)).toBe('30 */5 * * * *');
    expect(intradayCron(60)).toBe('30 0 * * * *');
  });
});
