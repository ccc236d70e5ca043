import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import {
  addDays,
  AnalyticsRollupService,
  daysBetween,
  DERIVED_ROLLUPS,
  rollupVersion,
  utcDay,
} from '../src/modules/analytics/rollup/index.js';
import { DatabaseSeeder } from '../src/seeders/database.seeder.js';
import { buildFixtureEvents, insertFixtureEvents } from './fixtures/analytics-events.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { defined } from '../src/common/assert/defined.js';

const NOW = new Date();
const TODAY = utcDay(NOW);
/** Fixture days: closed days inside the re-roll window and older ones, plus two past retention. */
const DAYS = daysBetween(addDays(TODAY, -6), addDays(TODAY, -1));
const dayAt = (i: number): string => defined(DAYS.at(i), `DAYS.at(${i})`);
const OLD_DAYS = [addDays(TODAY, -10), addDays(TODAY, -9)];
const AGGREGATES = [
  'analytics_daily_events',
  'analytics_daily_sessions',
  'analytics_daily_login_funnel',
  'analytics_daily_pages',
  'analytics_daily_utm',
  'analytics_daily_content',
  'analytics_daily_user_content',
  'analytics_daily_user_activity',
  ...DERIVED_ROLLUPS.map((r) => r.table),
];

describe('analytics rollups and retention', () => {
  let t: TestApp;
  let client: pg.Client;
  let rollups: AnalyticsRollupService;

  beforeAll(async () => {
    t = await createTestApp({ ANALYTICS_RETENTION_DAYS: '7' });
    // After the merge the demo data is seeded too; the fixture events make the test meaningful now.
    await t.orm.getSeeder().seed(DatabaseSeeder);
    client = new pg.Client({ connectionString: t.db.url });
    await client.connect();
    await insertFixtureEvents(client, buildFixtureEvents([...OLD_DAYS, ...DAYS]));
    rollups = t.app.get(AnalyticsRollupService);
  }, 120_000);
  afterAll(async () => {
    await client.end();
    await t.close();
  });

  const rows = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows;
  /** Every aggregate row, without surrogate ids, in a stable order. */
  const snapshot = async (days: string[] = [...OLD_DAYS, ...DAYS]) => {
    const out: Record<string, unknown[]> = {};
    for (const table of AGGREGATES) {
      const data = await rows(`SELECT to_jsonb(a) - 'id' AS r FROM ${table} a WHERE day = ANY($1::date[])`, [
        days,
      ]);
      out[table] = data.map((d) => JSON.stringify(d.r)).sort();
    }
    return out;
  };
  const closedRange = [
    `"timestamp" >= $1 AND "timestamp" < $2`,
    [new Date(`${dayAt(0)}T00:00:00Z`), new Date(`${TODAY}T00:00:00Z`)],
  ] as const;

  it('keeps raw events past retention until their days are rolled up', async () => {
    const outcome = await rollups.prune({ now: NOW });
    expect(outcome.ran && outcome.result.dropped).toEqual([]);
    expect(outcome.ran && outcome.result.keptUnsealed).toEqual(expect.arrayContaining(OLD_DAYS));
  });

  it('rolls up every closed day, once, while a second run waits its turn', async () => {
    // Hold the rollup mid-way (a table lock), start a second run meanwhile: it must not run.
    const locker = new pg.Client({ connectionString: t.db.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE analytics_daily_pages IN ACCESS EXCLUSIVE MODE');
    const first = rollups.runDaily(NOW);
    await waitFor(
      async () =>
        (
          await rows(
            `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'DELETE FROM analytics_daily_pages%'`,
          )
        ).length === 1,
    );
    const second = await rollups.runDaily(NOW);
    expect(second.ran).toBe(false);
    await locker.query('COMMIT');
    await locker.end();
    const report = await first;
    expect(report.ran).toBe(true);
    if (!report.ran) return;
    expect(report.result.failed).toEqual([]);
    const rolled = report.result.rolledUp.map((r) => r.day);
    for (const day of [...OLD_DAYS, ...DAYS]) expect(rolled).toContain(day);
    expect(rolled).not.toContain(TODAY);
    const ledger = await rows(
      `SELECT count(*)::int AS n FROM analytics_rollup_ledger WHERE status = 'done' AND day = $1`,
      [dayAt(0)],
    );
    expect(ledger[0].n).toBe(AGGREGATES.length);
  }, 60_000);

  it('pruned the days past retention only, keeping their aggregates', async () => {
    const partitions = (
      await rows(`SELECT relname FROM pg_class WHERE relname LIKE 'analytics_events_p%' AND relkind = 'r'`)
    ).map((r) => r.relname);
    for (const day of OLD_DAYS)
      expect(partitions).not.toContain(`analytics_events_p${day.replaceAll('-', '')}`);
    for (const day of DAYS) expect(partitions).toContain(`analytics_events_p${day.replaceAll('-', '')}`);
    const raw = await rows(`SELECT count(*)::int AS n FROM analytics_events WHERE "timestamp" < $1`, [
      new Date(`${addDays(TODAY, -7)}T00:00:00Z`),
    ]);
    expect(raw[0].n).toBe(0);
    const kept = await rows(
      `SELECT sum(events)::int AS n FROM analytics_daily_events WHERE day = ANY($1::date[])`,
      [OLD_DAYS],
    );
    expect(kept[0].n).toBeGreaterThan(50);
    const dry = await rollups.prune({ dryRun: true, now: new Date(NOW.getTime() + 86_400_000) });
    expect(dry.ran && dry.result.dropped).toEqual([addDays(TODAY, -7)]);
    const stillThere = await rows(`SELECT to_regclass($1) AS t`, [
      `analytics_events_p${addDays(TODAY, -7).replaceAll('-', '')}`,
    ]);
    expect(stillThere[0].t).not.toBeNull();
  });

  it('gives the same figures from aggregates as from raw events', async () => {
    const [range, params] = closedRange;
    // Events per day × type × action × platform, with daily uniques.
    expect(
      await rows(
        `SELECT day::text, event_type, event_action, platform, events, unique_users, unique_sessions, anonymous_events, logged_in_events
                  FROM analytics_daily_events WHERE day = ANY($1::date[]) ORDER BY 1, 2, 3, 4`,
        [DAYS],
      ),
    ).toEqual(
      await rows(
        `SELECT (timestamp AT TIME ZONE 'UTC')::date::text AS day, event_type, event_action, platform, count(*)::int AS events,
                    count(DISTINCT user_id)::int AS unique_users, count(DISTINCT session_id)::int AS unique_sessions,
                    (count(*) FILTER (WHERE user_id IS NULL))::int AS anonymous_events, (count(*) FILTER (WHERE is_logged_in))::int AS logged_in_events
                  FROM analytics_events WHERE ${range} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
        [...params],
      ),
    );
    // Active users over the whole range (exact, not a sum of daily uniques), and per day (Metabase 1).
    expect(
      await rows(
        `SELECT count(DISTINCT user_id)::int AS n FROM analytics_daily_user_activity WHERE logged_in_events > 0 AND day = ANY($1::date[])`,
        [DAYS],
      ),
    ).toEqual(
      await rows(
        `SELECT count(DISTINCT user_id)::int AS n FROM analytics_events WHERE is_logged_in = true AND ${range}`,
        [...params],
      ),
    );
    expect(
      await rows(
        `SELECT day::text AS date, count(DISTINCT user_id)::int AS active_users FROM analytics_daily_user_activity
                       WHERE logged_in_events > 0 AND day = ANY($1::date[]) GROUP BY day ORDER BY day DESC`,
        [DAYS],
      ),
    ).toEqual(
      await rows(
        `SELECT DATE(timestamp)::text as date, COUNT(DISTINCT user_id)::int as active_users FROM analytics_events
                           WHERE is_logged_in = true AND ${range} GROUP BY DATE(timestamp) ORDER BY date DESC`,
        [...params],
      ),
    );
    // New registrations per day.
    expect(
      await rows(
        `SELECT day::text, count(*)::int AS n FROM analytics_daily_user_activity WHERE registered AND day = ANY($1::date[]) GROUP BY 1 ORDER BY 1`,
        [DAYS],
      ),
    ).toEqual(
      await rows(
        `SELECT (timestamp AT TIME ZONE 'UTC')::date::text AS day, count(DISTINCT user_id)::int AS n FROM analytics_events
                           WHERE event_action = 'login_success' AND custom_data -> 'new_user' = 'true' AND ${range} GROUP BY 1 ORDER BY 1`,
        [...params],
      ),
    );
    // The spec's UTM campaign performance (query 3) over the range.
    expect(
      await rows(
        `SELECT utm_source, utm_medium, utm_campaign, count(DISTINCT user_id)::int AS unique_users, sum(events)::int AS total_events,
                         count(DISTINCT user_id) FILTER (WHERE logins > 0)::int AS conversions
                       FROM analytics_daily_utm WHERE utm_source IS NOT NULL AND day = ANY($1::date[]) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
        [DAYS],
      ),
    ).toEqual(
      await rows(
        `SELECT utm_source, utm_medium, utm_campaign, COUNT(DISTINCT user_id)::int as unique_users, COUNT(*)::int as total_events,
                             COUNT(DISTINCT CASE WHEN event_action = 'login_success' THEN user_id END)::int as conversions
                           FROM analytics_events WHERE utm_source IS NOT NULL AND ${range} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
        [...params],
      ),
    );
    // Traffic sources (Metabase 2), 'Direct' for none.
    expect(
      await rows(
        `SELECT COALESCE(utm_source, 'Direct') AS source, count(DISTINCT session_id)::int AS sessions FROM analytics_daily_utm
                       WHERE page_views > 0 AND day = ANY($1::date[]) GROUP BY utm_source ORDER BY 1`,
        [DAYS],
      ),
    ).toEqual(
      await rows(
        `SELECT COALESCE(utm_source, 'Direct') as source, COUNT(DISTINCT session_id)::int as sessions FROM analytics_events
                           WHERE event_type = 'we_page_load' AND ${range} GROUP BY utm_source ORDER BY 1`,
        [...params],
      ),
    );
    // Page views by page (path without query string or fragment).
    expect(
      await rows(
        `SELECT page, sum(page_views)::int AS views FROM analytics_daily_pages WHERE day = ANY($1::date[]) GROUP BY 1 ORDER BY 1`,
        [DAYS],
      ),
    ).toEqual(
      await rows(
        `SELECT split_part(split_part(page, '?', 1), '#', 1) AS page, count(*)::int AS views FROM analytics_events
                           WHERE event_type = 'we_page_load' AND page IS NOT NULL AND ${range} GROUP BY 1 ORDER BY 1`,
        [...params],
      ),
    );
    // Whole sessions (one crosses midnight): duration, page views, landing page, bounce.
    expect(
      await rows(
        `SELECT session_id, extract(epoch FROM max(last_at) - min(first_at))::int AS seconds, sum(page_views)::int AS views,
                         (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing
                       FROM analytics_daily_sessions WHERE day = ANY($1::date[]) GROUP BY 1 ORDER BY 1`,
        [DAYS],
      ),
    ).toEqual(
      await rows(
        `SELECT session_id, extract(epoch FROM max(timestamp) - min(timestamp))::int AS seconds,
                             (count(*) FILTER (WHERE event_type = 'we_page_load'))::int AS views,
                             (array_agg(split_part(split_part(page, '?', 1), '#', 1) ORDER BY timestamp, id) FILTER (WHERE event_type = 'we_page_load' AND page IS NOT NULL))[1] AS landing
                           FROM analytics_events WHERE session_id IS NOT NULL AND ${range} GROUP BY 1 ORDER BY 1`,
        [...params],
      ),
    );
    // Content: views, milestones, watch time per class; completions per user and class.
    expect(
      await rows(
        `SELECT class_id, event_action, milestone, sum(events)::int AS events, sum(watch_seconds)::int AS watched FROM analytics_daily_content
                       WHERE class_id IS NOT NULL AND day = ANY($1::date[]) GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
        [DAYS],
      ),
    ).toEqual(
      await rows(
        `SELECT class_id, event_action, (custom_data ->> 'milestone')::smallint AS milestone, count(*)::int AS events,
                             coalesce(sum((custom_data ->> 'watched_seconds')::int), 0)::int AS watched
                           FROM analytics_events WHERE class_id IS NOT NULL AND ${range} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
        [...params],
      ),
    );
    expect(
      await rows(
        `SELECT DISTINCT user_id, course_id, module_id, class_id FROM analytics_daily_user_content
                       WHERE event_action = 'class_completed' AND day = ANY($1::date[]) ORDER BY 1, 2, 3, 4`,
        [DAYS],
      ),
    ).toEqual(
      await rows(
        `SELECT DISTINCT user_id, course_id, NULL::text AS module_id, class_id FROM analytics_events
                           WHERE event_action = 'class_completed' AND user_id IS NOT NULL AND ${range} ORDER BY 1, 2, 3, 4`,
        [...params],
      ),
    );
  });

  it('adds the daily user activity up from the UTM rows and completes page landings after copying', async () => {
    const [range, params] = closedRange;
    // Per user and day: every figure of the user's events that day.
    expect(
      await rows(
        `SELECT day::text, user_id, events, logged_in_events, sessions, page_views, logins, registered, first_at, last_at
           FROM analytics_daily_user_activity WHERE day = ANY($1::date[]) ORDER BY 1, 2`,
        [DAYS],
      ),
    ).toEqual(
      await rows(
        `SELECT (timestamp AT TIME ZONE 'UTC')::date::text AS day, user_id, count(*)::int AS events,
                count(*) FILTER (WHERE is_logged_in)::int AS logged_in_events, count(DISTINCT session_id)::int AS sessions,
                count(*) FILTER (WHERE event_type = 'we_page_load')::int AS page_views,
                count(*) FILTER (WHERE event_action = 'login_success')::int AS logins,
                coalesce(bool_or(event_action = 'login_success' AND custom_data -> 'new_user' = 'true'), false) AS registered,
                min(timestamp) AS first_at, max(timestamp) AS last_at
           FROM analytics_events WHERE user_id IS NOT NULL AND ${range} GROUP BY 1, 2 ORDER BY 1, 2`,
        [...params],
      ),
    );
    // Per page and day: the sessions landing there (first page view of the session's day) and bouncing.
    const landings = await rows(
      `SELECT day::text, page, landings, bounces FROM analytics_daily_pages
         WHERE day = ANY($1::date[]) AND landings > 0 ORDER BY 1, 2`,
      [DAYS],
    );
    expect(landings.length).toBeGreaterThan(3);
    expect(landings).toEqual(
      await rows(
        `SELECT day, landing AS page, count(*)::int AS landings, count(*) FILTER (WHERE views = 1)::int AS bounces
           FROM (SELECT (timestamp AT TIME ZONE 'UTC')::date::text AS day, session_id,
                   count(*) FILTER (WHERE event_type = 'we_page_load') AS views,
                   (array_agg(split_part(split_part(page, '?', 1), '#', 1) ORDER BY timestamp, id)
                     FILTER (WHERE event_type = 'we_page_load' AND page IS NOT NULL))[1] AS landing
                 FROM analytics_events WHERE session_id IS NOT NULL AND ${range} GROUP BY 1, 2) s
           WHERE landing IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
        [...params],
      ),
    );
  });

  it('gives the strict ordered login funnel of every session, also across midnight', async () => {
    const [range, params] = closedRange;
    const raw = await rows(
      `SELECT session_id, ${FUNNEL_STEP_SQL} AS step FROM analytics_events WHERE session_id IS NOT NULL AND ${range}
                            ORDER BY session_id, timestamp, step`,
      [...params],
    );
    const expected = new Map<string, number>();
    for (const { session_id: session, step } of raw) {
      const reached = expected.get(session) ?? 0;
      expected.set(session, step === reached + 1 ? step : reached);
    }
    const daily = await rows(
      `SELECT session_id, funnel FROM analytics_daily_sessions WHERE day = ANY($1::date[]) ORDER BY session_id, day`,
      [DAYS],
    );
    const composed = new Map<string, number>();
    for (const { session_id: session, funnel } of daily) {
      const reached = composed.get(session) ?? 0;
      composed.set(session, reached >= 7 ? 7 : funnel[reached]);
    }
    expect(Object.fromEntries(composed)).toEqual(Object.fromEntries(expected));
    expect([...expected.values()]).toEqual(expect.arrayContaining([0, 1, 2, 7]));
    const perDay = await rows(
      `SELECT step, sessions FROM analytics_daily_login_funnel WHERE day = $1 ORDER BY step`,
      [dayAt(1)],
    );
    expect(perDay.map((r) => r.step)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    perDay.slice(1).forEach((r, i) => expect(r.sessions).toBeLessThanOrEqual(perDay[i].sessions));
  });

  it('is idempotent: rolling a day up again changes nothing', async () => {
    const before = await snapshot();
    const again = await rollups.rollupRange(dayAt(0), dayAt(-1));
    expect(again.ran).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  describe('what a migration marks pending', () => {
    /** As a migration that adds or changes derived aggregates does: their days' rows to be rebuilt. */
    const markPending = async (rollupNames: string[], tables: string[], days: string[]) => {
      for (const table of tables) await rows(`DELETE FROM ${table} WHERE day = ANY($1::date[])`, [days]);
      await rows(
        `UPDATE analytics_rollup_ledger SET status = 'pending', rows = 0 WHERE day = ANY($1::date[]) AND rollup = ANY($2)`,
        [days, rollupNames],
      );
    };
    const ledgerOf = (days: string[]) =>
      rows(
        `SELECT rollup, to_char(day, 'YYYY-MM-DD') AS day, status, started_at, source_events
         FROM analytics_rollup_ledger WHERE day = ANY($1::date[]) ORDER BY 1, 2`,
        [days],
      );

    it('is derived again from the stored aggregates, also for days whose raw events are gone, and the days stay sealed', async () => {
      const before = await snapshot(OLD_DAYS);
      const ledgerBefore = await ledgerOf(OLD_DAYS);
      // session_funnel feeds login_funnel: the rebuild must redo that one too, unasked.
      await markPending(
        ['session_funnel', 'campaigns', 'milestone_gaps'],
        [
          'analytics_daily_session_funnel',
          'analytics_daily_login_funnel',
          'analytics_daily_campaigns',
          'analytics_daily_milestone_gaps',
        ],
        OLD_DAYS,
      );
      expect(
        (
          await rows(`SELECT count(*)::int AS n FROM analytics_events WHERE "timestamp" < $1`, [
            new Date(`${addDays(TODAY, -7)}T00:00:00Z`),
          ])
        )[0].n,
      ).toBe(0);

      const outcome = await rollups.rebuildPending();
      expect(outcome.ran).toBe(true);
      if (!outcome.ran) return;
      expect(outcome.result.failed).toEqual([]);
      expect(outcome.result.rebuilt.map((r) => r.day)).toEqual(OLD_DAYS);
      expect(Object.keys(outcome.result.rebuilt[0]?.rows ?? {})).toEqual(
        expect.arrayContaining(['session_funnel', 'login_funnel', 'campaigns', 'milestone_gaps']),
      );
      expect(await snapshot(OLD_DAYS)).toEqual(before);
      expect(await ledgerOf(OLD_DAYS)).toEqual(ledgerBefore);
      const again = await rollups.rebuildPending();
      expect(again.ran && again.result.rebuilt).toEqual([]);
    });

    it('is built by the daily job too', async () => {
      const before = await snapshot(OLD_DAYS);
      await markPending(['session_durations'], ['analytics_daily_session_durations'], [OLD_DAYS[0]!]);
      const run = await rollups.runDaily(NOW);
      expect(run.ran && run.result.rebuilt.map((r) => r.day)).toEqual([OLD_DAYS[0]]);
      expect(run.ran && run.result.failed).toEqual([]);
      expect(await snapshot(OLD_DAYS)).toEqual(before);
    });

    it('includes derived aggregates written by an older definition of their SQL', async () => {
      const before = await snapshot(OLD_DAYS);
      // As after a deploy that changed the campaigns rollup: the stored rows are the old version's.
      await rows(`DELETE FROM analytics_daily_campaigns WHERE day = ANY($1::date[])`, [OLD_DAYS]);
      await rows(
        `UPDATE analytics_rollup_ledger SET version = 'an-old-version' WHERE day = ANY($1::date[]) AND rollup = 'campaigns'`,
        [OLD_DAYS],
      );
      const outcome = await rollups.rebuildPending();
      expect(outcome.ran && outcome.result.rebuilt.map((r) => r.day)).toEqual(OLD_DAYS);
      expect(await snapshot(OLD_DAYS)).toEqual(before);
      const versions = await rows(
        `SELECT DISTINCT version FROM analytics_rollup_ledger WHERE day = ANY($1::date[]) AND rollup = 'campaigns'`,
        [OLD_DAYS],
      );
      expect(versions).toEqual([{ version: rollupVersion('campaigns') }]);
    });

    it('refuses, naming it, a rollup that needs the raw events a day no longer has, and changes nothing', async () => {
      const before = await snapshot(OLD_DAYS);
      await rows(
        `UPDATE analytics_rollup_ledger SET status = 'pending' WHERE day = $1::date AND rollup = 'sessions'`,
        [OLD_DAYS[0]],
      );
      try {
        const outcome = await rollups.rebuildPending();
        expect(outcome.ran && outcome.result.failed).toEqual([
          { day: OLD_DAYS[0], error: expect.stringContaining('sessions need raw events') },
        ]);
        expect(await snapshot(OLD_DAYS)).toEqual(before);
      } finally {
        await rows(
          `UPDATE analytics_rollup_ledger SET status = 'done' WHERE day = $1::date AND rollup = 'sessions'`,
          [OLD_DAYS[0]],
        );
      }
    });
  });

  it('leaves a day as it was when its rollup is killed mid-way, and counts a late event on the re-roll', async () => {
    const day = dayAt(-1);
    const before = await snapshot([day]);
    await client.query(
      `INSERT INTO analytics_events (id, session_id, event_type, page, "timestamp") VALUES ('late-1', 'late-session', 'we_page_load', '/late', $1)`,
      [new Date(`${day}T12:00:00Z`)],
    );
    const locker = new pg.Client({ connectionString: t.db.url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE analytics_daily_content IN ACCESS EXCLUSIVE MODE');
    const killed = rollups.rollupRange(day, day);
    let pid = 0;
    await waitFor(async () => {
      const found = await rows(
        `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'DELETE FROM analytics_daily_content%'`,
      );
      pid = found[0]?.pid ?? 0;
      return pid > 0;
    });
    await client.query('SELECT pg_terminate_backend($1)', [pid]);
    await expect(killed).rejects.toThrow();
    await locker.query('COMMIT');
    await locker.end();
    expect(await snapshot([day])).toEqual(before);

    // The day is inside the re-roll window: the next daily run counts the late event.
    const run = await rollups.runDaily(NOW);
    expect(run.ran && run.result.rolledUp.map((r) => r.day)).toContain(day);
    const pages = await rows(
      `SELECT page_views FROM analytics_daily_pages WHERE day = $1 AND page = '/late'`,
      [day],
    );
    expect(pages).toEqual([{ page_views: 1 }]);
    // Days sealed long ago are not rolled up again.
    expect(run.ran && run.result.rolledUp.map((r) => r.day)).not.toContain(dayAt(0));
  }, 60_000);

  it('keeps the milestone gaps of later days right when an earlier day moves a first time there', async () => {
    const [early, late] = [dayAt(2), dayAt(3)];
    const event = (id: string, day: string, hour: number, type: string, action: string) =>
      client.query(
        `INSERT INTO analytics_events (id, user_id, session_id, event_type, event_action, course_id, class_id, "timestamp")
         VALUES ($1, 'gap-user', $1, $2, $3, 'gap-course', 'gap-class', $4)`,
        [id, type, action, new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`)],
      );
    await event('gap-1', late, 9, 'course_event', 'course_viewed');
    await event('gap-2', late, 11, 'class_event', 'class_started');
    await rollups.rollupRange(late, late);
    const gaps = async (day: string) =>
      (
        await rows(
          `SELECT milestone, bucket, reached, sum_ms::text, gaps, counts FROM analytics_daily_milestone_gaps WHERE day = $1`,
          [day],
        )
      )
        .map((r) => JSON.stringify(r))
        .sort();
    const withUser = await gaps(late);
    // A late event: the user's first course view and class start were on the earlier day after all.
    await event('gap-3', early, 8, 'course_event', 'course_viewed');
    await event('gap-4', early, 9, 'class_event', 'class_started');
    await rollups.rollupRange(early, early);
    const firsts = await rows(`SELECT day::text FROM analytics_daily_user_firsts WHERE user_id = 'gap-user'`);
    expect(firsts).toEqual([{ day: early }, { day: early }]);
    const healed = await gaps(late);
    expect(healed).not.toEqual(withUser);
    await rollups.rollupRange(late, late);
    expect(await gaps(late)).toEqual(healed);
  }, 60_000);

  it('still runs the spec queries on the partitioned table', async () => {
    const result = await client.query(
      `SELECT COUNT(DISTINCT user_id) as active_users FROM analytics_events WHERE timestamp >= NOW() - INTERVAL '7 days' AND is_logged_in = true`,
    );
    expect(Number(result.rows[0].active_users)).toBeGreaterThan(0);
    const plan = await rows(
      `EXPLAIN SELECT count(*) FROM analytics_events WHERE "timestamp" >= $1 AND "timestamp" < $2`,
      [new Date(`${dayAt(2)}T00:00:00Z`), new Date(`${dayAt(3)}T00:00:00Z`)],
    );
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toContain(`analytics_events_p${dayAt(2).replaceAll('-', '')}`);
    expect(text).not.toContain('analytics_events_default');
  });
});

const FUNNEL_STEP_SQL = `CASE
  WHEN event_type = 'we_page_load' AND page LIKE '%/login%' THEN 1
  WHEN event_action = 'login_button_clicked' THEN 2
  WHEN event_action = 'email_entered' THEN 3
  WHEN event_action = 'otp_requested' THEN 4
  WHEN event_action = 'otp_entered' THEN 5
  WHEN event_action = 'login_success' THEN 6
  WHEN event_type = 'we_page_load' AND page LIKE '%/dashboard%' THEN 7 END`;

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
