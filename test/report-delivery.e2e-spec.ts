import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { ReportDeliveryJob } from '../src/modules/analytics/index.js';
import { formPost, signInAs } from './utils/admin.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { startSmtpSink } from './utils/smtp.js';
import { defined, firstRow } from '../src/common/assert/defined.js';

type Sink = Awaited<ReturnType<typeof startSmtpSink>>;
const api = '/admin/api/resources/report_subscriptions';

/** Scheduled report delivery: staff subscribe recipients in the back office; the job e-mails CSVs. */
describe('scheduled report delivery', () => {
  let a: TestApp;
  let b: TestApp; // a second instance on the same database
  let smtp: Sink;
  const sql = <T>(text: string, params: unknown[] = []) =>
    a.orm.em.getConnection().execute<T[]>(text, params);

  beforeAll(async () => {
    smtp = await startSmtpSink();
    a = await createTestApp({ SMTP_URL: smtp.url });
    b = await createTestApp({ SMTP_URL: smtp.url }, a);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    await smtp.close();
  });

  const subscribe = async (fields: Record<string, string>) => {
    const { agent } = await signInAs(a, 'staff');
    // AdminJS answers 200 to a save, with field errors in the body when the record was refused.
    return formPost(agent, `${api}/actions/new`, fields).expect(200);
  };
  const valid = {
    name: 'Weekly actives',
    report: 'engagement/active-users',
    filters: '{"granularity":"week"}',
    range: 'last_7_days',
    schedule: '0 7 * * 1',
    'recipients.0': 'lead@example.com',
    'recipients.1': 'analyst@example.com',
  };
  const due = (id: string) =>
    sql(`UPDATE report_subscriptions SET next_run_at = now() - interval '1 minute' WHERE id = ?`, [id]);

  it('staff subscribe recipients; the entry is checked and scheduled at its next time', async () => {
    const res = await subscribe(valid);
    expect(res.body.record?.errors ?? {}).toEqual({});
    const id = res.body.record.id as string;
    const row = firstRow(
      await sql<{
        next_run_at: string;
        recipients: string[];
        filters: object;
        created_by_id: string;
      }>(`SELECT next_run_at, recipients, filters, created_by_id FROM report_subscriptions WHERE id = ?`, [
        id,
      ]),
      'the subscription',
    );
    const next = new Date(row.next_run_at);
    expect(next.getUTCDay()).toBe(1);
    expect(next.getUTCHours()).toBe(7);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(row.recipients).toEqual(['lead@example.com', 'analyst@example.com']);
    expect(row.filters).toEqual({ granularity: 'week' });
    expect(row.created_by_id).toEqual(expect.any(String));

    for (const [field, value] of [
      ['report', 'engagement/nothing'],
      ['range', 'last_century'],
      ['schedule', 'every monday'],
      ['recipients.0', 'not-an-address'],
      ['filters', '{"granularity":"decade"}'],
    ] as const) {
      const bad = await subscribe({ ...valid, [field]: value });
      const errors = (bad.body.record?.errors ?? {}) as Record<string, unknown>;
      expect(Object.keys(errors)).toContain(field.replace('.0', ''));
    }
  });

  it('sends a due report once across instances, CSV attached, and records the delivery', async () => {
    const id = (await subscribe({ ...valid, name: 'Once' })).body.record.id as string;
    await due(id);
    const before = smtp.inbox.length;
    const runs = await Promise.all([a.app.get(ReportDeliveryJob).run(), b.app.get(ReportDeliveryJob).run()]);
    // Whichever instance got the lock sent it; a second round finds nothing due.
    await a.app.get(ReportDeliveryJob).run();
    expect(runs.some((r) => r.ran)).toBe(true);
    const mails = smtp.inbox.slice(before);
    expect(mails).toHaveLength(1);
    const mail = defined(mails[0], 'the mail');
    expect(mail.to.sort()).toEqual(['analyst@example.com', 'lead@example.com']);
    expect(mail.raw).toMatch(
      /Subject: Once: engagement\/active-users, \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/,
    );
    expect(mail.raw).toMatch(/Content-Type: text\/csv/);
    expect(mail.raw).toMatch(/filename=engagement_active-users_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv/);
    const deliveries = await sql<{ status: string; rows: number; recipients: string[] }>(
      `SELECT status, rows, recipients FROM report_deliveries WHERE subscription_id = ?`,
      [id],
    );
    expect(deliveries).toEqual([
      { status: 'sent', rows: expect.any(Number), recipients: ['lead@example.com', 'analyst@example.com'] },
    ]);
    const sub = firstRow(
      await sql<{ next_run_at: string; failures: number }>(
        `SELECT next_run_at, failures FROM report_subscriptions WHERE id = ?`,
        [id],
      ),
      'the subscription',
    );
    expect(new Date(sub.next_run_at).getTime()).toBeGreaterThan(Date.now());
    expect(sub.failures).toBe(0);
  });

  it('records a failed delivery and retries it on a later run', async () => {
    const id = (await subscribe({ ...valid, name: 'Retried' })).body.record.id as string;
    // Filters that no longer fit the report (as after a report changed): the attempt fails.
    await sql(`UPDATE report_subscriptions SET filters = '{"granularity":"decade"}' WHERE id = ?`, [id]);
    await due(id);
    await a.app.get(ReportDeliveryJob).run();
    const [failed] = await sql<{ status: string; error: string }>(
      `SELECT status, error FROM report_deliveries WHERE subscription_id = ?`,
      [id],
    );
    expect(failed?.status).toBe('failed');
    expect(failed?.error).toMatch(/granularity/);
    const waiting = firstRow(
      await sql<{ next_run_at: string; failures: number }>(
        `SELECT next_run_at, failures FROM report_subscriptions WHERE id = ?`,
        [id],
      ),
      'the subscription',
    );
    expect(waiting.failures).toBe(1);
    const retryIn = new Date(waiting.next_run_at).getTime() - Date.now();
    expect(retryIn).toBeGreaterThan(0);
    expect(retryIn).toBeLessThanOrEqual(60_000);

    await sql(`UPDATE report_subscriptions SET filters = '{"granularity":"day"}' WHERE id = ?`, [id]);
    await due(id);
    await a.app.get(ReportDeliveryJob).run();
    const statuses = await sql<{ status: string }>(
      `SELECT status FROM report_deliveries WHERE subscription_id = ? ORDER BY attempted_at`,
      [id],
    );
    expect(statuses.map((s) => s.status)).toEqual(['failed', 'sent']);
  });

  it('is for signed-in staff only, and the delivery log is read only', async () => {
    const anonymous = await request(a.http).get(`${api}/actions/list`);
    expect(anonymous.status).not.toBe(200);
    const { agent } = await signInAs(a, 'staff');
    await agent.get(`${api}/actions/list`).expect(200);
    await agent.get('/admin/api/resources/report_deliveries/actions/list').expect(200);
    await formPost(agent, '/admin/api/resources/report_deliveries/actions/new', { status: 'sent' }).expect(
      403,
    );
  });
});
