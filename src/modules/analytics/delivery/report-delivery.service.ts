import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { CronTime, validateCronExpression } from 'cron';
import { DomainError, InvalidFieldError } from '../../../common/errors/domain-error.js';
import { newId, toDate } from '../../../infra/database/base-columns.js';
import { MailService } from '../../../infra/mail/mail.service.js';
import { toCsv } from '../reports/index.js';
import { RELATIVE_RANGES, resolveRange, type RelativeRange } from './relative-range.js';
import { ReportCatalog } from './report-catalog.js';

export interface SubscriptionSettings {
  report: string;
  filters: Record<string, unknown>;
  range: string;
  schedule: string;
  recipients: string[];
}

interface DueSubscription {
  id: string;
  name: string;
  report: string;
  filters: Record<string, string>;
  range: RelativeRange;
  schedule: string;
  recipients: string[];
  next_run_at: string;
  failures: number;
}

const MAX_RECIPIENTS = 50;
const MAX_RETRY_MINUTES = 60;
/** Subscriptions sent per run at most; the rest are due on the next run. */
const BATCH = 100;

/**
 * Sends the reports that are due: the same answer as `GET /analytics/reports/…` (through the
 * report catalog), as a CSV attachment with a short summary, through the mail service (SMTP or
 * the outbox). Each attempt is recorded in `report_deliveries`. A failed one is retried on the
 * next runs, 1, 2, 4 … minutes later (at most an hour apart), then the schedule goes on.
 */
@Injectable()
export class ReportDeliveryService {
  private readonly logger = new Logger(ReportDeliveryService.name);

  constructor(
    private readonly em: EntityManager,
    private readonly catalog: ReportCatalog,
    private readonly mail: MailService,
  ) {}

  /** Checks what staff enter; a 422 names the field. */
  async check(settings: SubscriptionSettings): Promise<void> {
    const report = this.catalog.get(settings.report);
    if (!report)
      throw new InvalidFieldError('report', `report must be one of: ${this.catalog.names().join(', ')}`);
    if (!(RELATIVE_RANGES as readonly string[]).includes(settings.range))
      throw new InvalidFieldError('range', `range must be one of: ${RELATIVE_RANGES.join(', ')}`);
    if (
      !validateCronExpression(settings.schedule).valid ||
      settings.schedule.trim().split(/\s+/).length !== 5
    )
      throw new InvalidFieldError(
        'schedule',
        'schedule must be a five-field cron expression (UTC), e.g. 0 7 * * 1',
      );
    const recipients = settings.recipients;
    if (recipients.length < 1 || recipients.length > MAX_RECIPIENTS || !recipients.every((r) => isEmail(r)))
      throw new InvalidFieldError('recipients', `recipients must be 1 to ${MAX_RECIPIENTS} e-mail addresses`);
    const filters = settings.filters;
    if (
      typeof filters !== 'object' ||
      filters === null ||
      Array.isArray(filters) ||
      'from' in filters ||
      'to' in filters
    )
      throw new InvalidFieldError(
        'filters',
        'filters must be an object of the report’s parameters, without from/to',
      );
    try {
      await report.check({
        ...stringValues(filters),
        ...resolveRange(settings.range as RelativeRange, new Date()),
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      throw new InvalidFieldError('filters', `filters do not fit ${settings.report}: ${error.message}`);
    }
  }

  /** When a schedule is next due after a moment. */
  nextRun(schedule: string, after: Date): Date {
    return new CronTime(schedule, 'UTC').getNextDateFrom(after).toJSDate();
  }

  /** Sends every enabled subscription that is due (the job runs this under a lock). */
  async deliverDue(now = new Date()): Promise<{ sent: number; failed: number }> {
    const due = await this.em.execute<DueSubscription[]>(
      `SELECT id, name, report, filters, range, schedule, recipients, next_run_at, failures
       FROM report_subscriptions WHERE enabled AND next_run_at <= ? ORDER BY next_run_at LIMIT ${BATCH}`,
      [now],
    );
    let sent = 0;
    for (const subscription of due) if (await this.deliver(subscription, now)) sent++;
    return { sent, failed: due.length - sent };
  }

  private async deliver(s: DueSubscription, now: Date): Promise<boolean> {
    const { from, to } = resolveRange(s.range, now);
    const scheduledFor = toDate(s.next_run_at)!;
    let rows: number | null = null;
    try {
      const report = this.catalog.get(s.report);
      if (!report) throw new Error(`the report ${s.report} no longer exists`);
      const result = await report.run({ ...stringValues(s.filters), from, to });
      rows = result.rows.length;
      await this.mail.send({
        to: s.recipients,
        subject: `${s.name}: ${s.report}, ${from} to ${to}`,
        text: summary(s, from, to, result),
        attachments: [
          {
            filename: `${s.report.replace('/', '_')}_${from}_${to}.csv`,
            content: toCsv(report.columns, result.rows),
            contentType: 'text/csv; charset=utf-8',
          },
        ],
      });
      await this.record(s, scheduledFor, now, { status: 'sent', from, to, rows, error: null });
      await this.em.execute(
        `UPDATE report_subscriptions SET next_run_at = ?, failures = 0 WHERE id = ?`,
        [this.nextRun(s.schedule, now), s.id],
        'run',
      );
      return true;
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      this.logger.warn(`delivery of subscription ${s.id} failed: ${message}`);
      await this.record(s, scheduledFor, now, { status: 'failed', from, to, rows, error: message });
      const retryMinutes = Math.min(2 ** s.failures, MAX_RETRY_MINUTES);
      await this.em.execute(
        `UPDATE report_subscriptions SET next_run_at = ?, failures = failures + 1 WHERE id = ?`,
        [new Date(now.getTime() + retryMinutes * 60_000), s.id],
        'run',
      );
      return false;
    }
  }

  private async record(
    s: DueSubscription,
    scheduledFor: Date,
    at: Date,
    outcome: {
      status: 'sent' | 'failed';
      from: string;
      to: string;
      rows: number | null;
      error: string | null;
    },
  ): Promise<void> {
    await this.em.execute(
      `INSERT INTO report_deliveries (id, subscription_id, scheduled_for, attempted_at, status, range_from, range_to,
         rows, recipients, error)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ARRAY(SELECT jsonb_array_elements_text(?::jsonb)), ?)`,
      [
        newId(),
        s.id,
        scheduledFor,
        at,
        outcome.status,
        outcome.from,
        outcome.to,
        outcome.rows,
        JSON.stringify(s.recipients),
        outcome.error,
      ],
      'run',
    );
  }
}

function stringValues(filters: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, String(v)]));
}

function summary(
  s: DueSubscription,
  from: string,
  to: string,
  result: { rows: unknown[]; totals?: Record<string, unknown> },
): string {
  const filters = Object.entries(s.filters).map(([k, v]) => `${k}=${v}`);
  const totals = Object.entries(result.totals ?? {})
    .filter(([, v]) => typeof v === 'number' || typeof v === 'string')
    .map(([k, v]) => `  ${k}: ${String(v)}`);
  return [
    `${s.name}`,
    `Report: ${s.report}${filters.length ? ` (${filters.join(', ')})` : ''}`,
    `Days (UTC): ${from} to ${to}`,
    `Rows: ${result.rows.length} (attached as CSV)`,
    ...(totals.length ? ['Totals:', ...totals] : []),
    '',
    'You receive this because staff subscribed you to it in the back office.',
    '',
  ].join('\n');
}
