import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { AnalyticsRollupService } from '../src/modules/analytics/rollup/index.js';
import { insertFixtureEvents } from './fixtures/analytics-events.js';
import { buildReportEvents, insertReportCatalog } from './fixtures/report-events.js';
import { createUserWithTokens } from './utils/auth.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

interface Parameter {
  name: string;
  in: string;
  schema?: { enum?: string[]; type?: string };
}
type Operations = Record<string, { get?: { parameters?: Parameter[] } }>;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * Every report (taken from /docs-json, so a new report is covered without editing this test) ×
 * each of its filters, alone and all together × a range before any data, a range of closed days
 * rolled up, and a range that includes today (raw events): 200 with rows and totals, never a 500.
 */
describe('every report × every filter × every kind of range', () => {
  let t: TestApp;
  let client: pg.Client;
  let staff: { Authorization: string };
  let reports: { path: string; parameters: Parameter[] }[];

  beforeAll(async () => {
    t = await createTestApp();
    client = new pg.Client({ connectionString: t.db.url });
    await client.connect();
    const days = Array.from({ length: 6 }, (_, i) => day(i - 5));
    await insertReportCatalog(client, days);
    await insertFixtureEvents(client, buildReportEvents(days));
    await t.app.get(AnalyticsRollupService).rollupRange(day(-5), day(-1));
    staff = (await createUserWithTokens(t, 'staff')).auth;
    const doc = (await request(t.http).get('/docs-json').expect(200)).body as { paths: Operations };
    reports = Object.entries(doc.paths)
      .filter(([path, ops]) => path.startsWith('/analytics/reports/') && ops.get)
      .map(([path, ops]) => ({
        path,
        parameters: (ops.get!.parameters ?? []).filter((p) => p.in === 'query'),
      }));
  }, 60_000);
  afterAll(async () => {
    await client.end();
    await t.close();
  });

  /** A value a dashboard would send for a filter; the course and source exist in the fixture. */
  const valueFor = (p: Parameter): string => {
    const lastChoice = p.schema?.enum?.at(-1);
    if (lastChoice !== undefined) return lastChoice;
    const known: Record<string, string> = {
      courseId: 'rc-a',
      utmSource: 'google',
      platform: 'mobile',
      limit: '5',
      granularity: 'week',
    };
    return known[p.name] ?? 'x';
  };

  it('answers 200 with rows and totals for every combination', async () => {
    expect(reports.length).toBeGreaterThanOrEqual(19);
    const ranges = {
      'before any data': { from: '2026-01-01', to: '2026-01-31' },
      'closed days': { from: day(-5), to: day(-1) },
      'including today': { from: day(-3), to: day(0) },
    };
    const failures: string[] = [];
    let calls = 0;
    for (const report of reports) {
      const filters = report.parameters.filter((p) => p.name !== 'from' && p.name !== 'to');
      const combinations = [[], ...filters.map((f) => [f]), filters.length > 1 ? filters : []].filter(
        (c, i) => i === 0 || c.length > 0,
      );
      for (const [label, range] of Object.entries(ranges)) {
        for (const combination of combinations) {
          const query = { ...range, ...Object.fromEntries(combination.map((p) => [p.name, valueFor(p)])) };
          const res = await request(t.http).get(report.path).query(query).set(staff);
          calls++;
          const ok =
            res.status === 200 && Array.isArray(res.body.rows) && typeof res.body.totals === 'object';
          if (!ok)
            failures.push(
              `${report.path} ${label} ${JSON.stringify(query)} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`,
            );
        }
      }
    }
    expect(calls).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  });

  it('names the parameter when a filter value is wrong', async () => {
    for (const report of reports) {
      for (const p of report.parameters.filter((q) => q.schema?.enum?.length)) {
        const res = await request(t.http)
          .get(report.path)
          .query({ from: day(-3), to: day(0), [p.name]: 'not-a-choice' })
          .set(staff)
          .expect(400);
        expect(JSON.stringify(res.body.details)).toContain(p.name);
      }
    }
  });
});
