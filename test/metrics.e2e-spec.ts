import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { AnalyticsRollupService } from '../src/modules/analytics/rollup/index.js';

const TOKEN = 'metrics-token-for-tests-0123456789abcdef';

/** One sample's value from the text format, 0 when the series does not exist yet. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = match[2] ?? '';
    if (wanted.every((pair) => have.includes(pair))) return Number(match[3]);
  }
  return 0;
}

/**
 * `GET /metrics` (Prometheus text format) behind METRICS_TOKEN: who may scrape, the names an
 * operator's dashboards rely on, and that the counters move with what the instance does — the
 * ingestion fast path included, which Express never sees.
 */
describe('metrics', () => {
  let t: TestApp;
  const scrape = async () =>
    (await request(t.http).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200)).text;

  beforeAll(async () => {
    // Jobs on: the catch-up rollup at start is a scheduled-job run the metrics must show.
    // No intraday ticks: the test refreshes today itself, at a known moment.
    t = await createTestApp({ METRICS_TOKEN: TOKEN, JOBS_ENABLED: 'true', ANALYTICS_INTRADAY_MINUTES: '0' });
  });
  afterAll(() => t.close());

  it('answers only with the token; no token configured, no endpoint', async () => {
    await request(t.http).get('/metrics').expect(401);
    await request(t.http).get('/metrics').set('Authorization', 'Bearer wrong').expect(401);
    await request(t.http).get('/metrics').set('Authorization', TOKEN).expect(401);
    const ok = await request(t.http).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);

    const without = await createTestApp({}, t);
    try {
      await request(without.http).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(404);
    } finally {
      await without.close();
    }
  });

  it('names what operators watch', async () => {
    const text = await scrape();
    for (const name of [
      'http_request_duration_seconds',
      'analytics_events_total',
      'analytics_ingest_queue_events',
      'analytics_ingest_batch_events',
      'analytics_ingest_queue_full_total',
      'analytics_rollup_day_duration_seconds',
      'analytics_rollup_rows_written_total',
      'analytics_rollup_last_success_timestamp_seconds',
      'analytics_rollup_lag_days',
      'analytics_provisional_lag_seconds',
      'analytics_prune_days_dropped_total',
      'db_pool_connections',
      'scheduled_job_runs_total',
      'process_cpu_user_seconds_total',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(
      sample(text, 'db_pool_connections', { pool: 'orm', state: 'idle' }) +
        sample(text, 'db_pool_connections', { pool: 'orm', state: 'in_use' }),
    ).toBeGreaterThan(0);
  });

  it('counts ingestion by outcome and times the fast path under its route template', async () => {
    const before = await scrape();
    const id = randomUUID();
    const events = [
      { id, eventType: 'we_page_load', sessionId: 'metrics' },
      { eventType: 'we_page_load', sessionId: 'metrics' },
      { eventType: 'button_click', sessionId: 'metrics', eventAction: 'clicked' },
    ];
    await request(t.http).post('/analytics/events').send({ events }).expect(201);
    // A retry of the first event: accepted by the API, stored once.
    await request(t.http)
      .post('/analytics/events')
      .send({ events: [events[0]] })
      .expect(201);
    await request(t.http)
      .post('/analytics/events')
      .send({ events: [{ eventType: 'Bad Type' }, { eventType: 'x' }] })
      .expect(400);
    const after = await scrape();

    const delta = (name: string, labels: Record<string, string>) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(delta('analytics_events_total', { outcome: 'accepted' })).toBe(3);
    expect(delta('analytics_events_total', { outcome: 'deduplicated' })).toBe(1);
    expect(delta('analytics_events_total', { outcome: 'rejected' })).toBe(2);
    expect(delta('analytics_ingest_batch_events_count', {})).toBeGreaterThanOrEqual(1);
    const fastPath = { method: 'POST', route: '/analytics/events' };
    expect(delta('http_request_duration_seconds_count', { ...fastPath, status_class: '2xx' })).toBe(2);
    expect(delta('http_request_duration_seconds_count', { ...fastPath, status_class: '4xx' })).toBe(1);
  });

  it('labels Express routes by template and unknown paths as unmatched', async () => {
    const before = await scrape();
    await request(t.http).get('/courses/some-course-that-does-not-exist').expect(404);
    await request(t.http).get(`/no/such/path/${randomUUID()}`).expect(404);
    const after = await scrape();
    const count = (text: string, route: string) =>
      sample(text, 'http_request_duration_seconds_count', { method: 'GET', route, status_class: '4xx' });
    expect(count(after, '/courses/:courseId') - count(before, '/courses/:courseId')).toBe(1);
    expect(count(after, 'unmatched') - count(before, 'unmatched')).toBe(1);
    expect(after).not.toContain('some-course-that-does-not-exist');
  });

  it('shows the scheduled rollup run, its days and the ledger lag', async () => {
    const deadline = Date.now() + 90_000;
    let text = await scrape();
    while (sample(text, 'scheduled_job_runs_total', { job: 'analytics-rollup', outcome: 'success' }) < 1) {
      if (Date.now() > deadline) throw new Error(`no rollup run in the metrics:\n${text}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
      text = await scrape();
    }
    expect(sample(text, 'scheduled_job_runs_total', { job: 'analytics-rollup', outcome: 'failure' })).toBe(0);
    expect(sample(text, 'analytics_rollup_last_success_timestamp_seconds')).toBeGreaterThan(
      Date.now() / 1000 - 600,
    );
    expect(
      sample(text, 'scheduled_job_duration_seconds_count', { job: 'analytics-rollup' }),
    ).toBeGreaterThanOrEqual(1);
    // Every closed day is rolled up after the catch-up run.
    expect(sample(text, 'analytics_rollup_lag_days')).toBe(0);
    // Before today's first refresh, today's aggregates lag since midnight; after it, by its margin.
    const sinceMidnight = (Date.now() - new Date(new Date().toISOString().slice(0, 10)).getTime()) / 1000;
    expect(Math.abs(sample(text, 'analytics_provisional_lag_seconds') - sinceMidnight)).toBeLessThan(120);
    const refreshed = await t.app.get(AnalyticsRollupService).refreshToday();
    expect(refreshed.ran).toBe(true);
    const lag = sample(await scrape(), 'analytics_provisional_lag_seconds');
    expect(lag).toBeGreaterThanOrEqual(59);
    expect(lag).toBeLessThan(120);
  });
});
