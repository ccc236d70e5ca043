import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { REPORT_SQL } from '../src/modules/analytics/reports/report-sql-manifest.js';
import {
  FUNNEL_START_SQL,
  FUNNEL_STEP_COUNT,
  funnelChainStepSql,
} from '../src/modules/analytics/login-funnel.js';
import { rollupStatementSettings, ROLLUPS } from '../src/modules/analytics/rollup/index.js';
import { renderedSnapshot, renderedStatements, testDatabaseClient } from './utils/analytics-sql.js';

const SNAPSHOT = new URL('../src/modules/analytics/sql/rendered.snapshot.sql', import.meta.url);
const UPDATE =
  'UPDATE_SQL_SNAPSHOT=1 NODE_OPTIONS=--experimental-vm-modules npx jest test/analytics-sql.e2e-spec.ts';

/**
 * Every analytics statement, rendered from its file and manifest: the committed snapshot of the
 * rendered SQL is up to date (so every query change is a reviewable diff), and PostgreSQL plans each
 * one on the migrated database (EXPLAIN: it parses, names existing columns and relations, and its
 * parameters type-check), with the settings it runs with.
 */
/** The reports' statements come from calling the reports (async): rendered once, before the tests are listed. */
const STATEMENTS = await renderedStatements();
const SNAPSHOT_TEXT = await renderedSnapshot();

/** The live days' own temporary tables, as live-day/create-*.sql makes them (for planning what reads them). */
const LIVE_DAY_TABLES = STATEMENTS.filter((s) => /^CREATE TEMP TABLE report_/.test(s.sql));

describe('analytics SQL: rendered statements', () => {
  const db = testDatabaseClient();

  it('match the committed snapshot (src/modules/analytics/sql/rendered.snapshot.sql)', () => {
    const rendered = SNAPSHOT_TEXT;
    if (process.env['UPDATE_SQL_SNAPSHOT'] === '1') writeFileSync(SNAPSHOT, rendered);
    let committed = '';
    try {
      committed = readFileSync(SNAPSHOT, 'utf8');
    } catch {
      // missing: reported below
    }
    if (committed !== rendered)
      throw new Error(
        `src/modules/analytics/sql/rendered.snapshot.sql is stale (an analytics statement, fragment or manifest changed).\nUpdate it with\n  ${UPDATE}\nand commit it with the change (its diff is the review of the queries).`,
      );
    expect(committed).toBe(rendered);
  });

  it("every file of sql/reports/ and sql/live-day/ has its entry in the reports' manifest, and only those", () => {
    const root = new URL('../src/modules/analytics/sql/', import.meta.url);
    const files = ['reports', 'live-day']
      .flatMap((dir) =>
        readdirSync(new URL(dir, root), { recursive: true, encoding: 'utf8' }).map((f) => `${dir}/${f}`),
      )
      .filter((f) => f.endsWith('.sql'))
      .map((f) => `src/modules/analytics/sql/${f}`)
      .sort();
    expect(
      Object.values(REPORT_SQL)
        .map((e) => e.template.file)
        .sort(),
    ).toEqual(files);
  });

  it("the database's funnel routines agree with the one definition of the funnel (login-funnel.ts)", async () => {
    const { rows } = await db().query<{ name: string; init: string | null }>(
      `SELECT aggfnoid::regproc::text AS name, agginitval AS init FROM pg_aggregate
       WHERE aggfnoid::regproc::text IN ('analytics_funnel', 'analytics_funnel_steps', 'analytics_funnel_chain')
       ORDER BY 1`,
    );
    const start = FUNNEL_START_SQL.slice(1, -1);
    expect(rows).toEqual([
      { name: 'analytics_funnel', init: start },
      { name: 'analytics_funnel_chain', init: '0' },
      { name: 'analytics_funnel_steps', init: start },
    ]);
    // Chaining days: the last step, once reached, stays; the step before it goes on by the day's funnel.
    const chained = await db().query<{ last: number; before: number }>(
      `SELECT analytics_funnel_chain_step($1::smallint, ${FUNNEL_START_SQL}::smallint[]) AS last,
         analytics_funnel_chain_step(($1 - 1)::smallint, ${FUNNEL_START_SQL}::smallint[]) AS before`,
      [FUNNEL_STEP_COUNT],
    );
    expect(chained.rows).toEqual([{ last: FUNNEL_STEP_COUNT, before: FUNNEL_STEP_COUNT - 1 }]);
    // Its inline copy (a provisional day's tail sessions) gives the same step from every state.
    const inline = await db().query<{ reached: number; fn: number; inline: number }>(
      `SELECT r AS reached, analytics_funnel_chain_step(r::smallint, f) AS fn, ${funnelChainStepSql('r::smallint', 'f')} AS inline
       FROM generate_series(0, $1) AS r, (VALUES ('{2,3,3,5,7,7,7}'::smallint[]), (${FUNNEL_START_SQL}::smallint[])) AS v(f)`,
      [FUNNEL_STEP_COUNT],
    );
    expect(inline.rows).toHaveLength(2 * (FUNNEL_STEP_COUNT + 1));
    expect(inline.rows.filter((r) => r.fn !== r.inline)).toEqual([]);
    expect(inline.rows.some((r) => r.fn !== r.reached)).toBe(true);
  });

  it.each(STATEMENTS.map((s) => [s.title, s] as const))('plans: %s', async (_title, statement) => {
    await db().query('BEGIN');
    try {
      if (statement.rollup)
        for (const setting of rollupStatementSettings(statement.rollup)) await db().query(setting);
      if (statement.live) {
        for (const { table } of ROLLUPS)
          await db().query(
            `CREATE TEMP TABLE ${table} ON COMMIT DROP AS SELECT * FROM public.${table} WITH NO DATA`,
          );
        for (const made of LIVE_DAY_TABLES) if (made.sql !== statement.sql) await db().query(made.sql);
      }
      if (statement.utility) {
        await db().query(statement.sql, statement.params);
        return;
      }
      const { rows } = await db().query(`EXPLAIN ${statement.sql}`, statement.params);
      expect(rows.length).toBeGreaterThan(0);
    } finally {
      await db().query('ROLLBACK');
    }
  });
});
