import type { ReportDeliveryService, ReportSubscription } from '../../analytics/index.js';
import { User } from '../../users/index.js';
import type { BackOfficeAdmin } from '../resources/access.js';
import type { WriteContext } from '../resources/backoffice-resource.js';

/**
 * A subscription written in the back office is checked by the analytics module (report, filters,
 * range, schedule, recipients) and scheduled: a new or re-scheduled one is due at its schedule's
 * next time, and a re-enabled one starts over from now.
 */
export async function beforeSubscriptionWrite(
  deliveries: ReportDeliveryService,
  ctx: WriteContext,
): Promise<void> {
  const s = ctx.entity as ReportSubscription;
  s.filters ??= {};
  await deliveries.check({
    report: s.report,
    filters: s.filters,
    range: s.range,
    schedule: s.schedule,
    recipients: s.recipients ?? [],
  });
  const admin = ctx.admin as BackOfficeAdmin | undefined;
  if (ctx.isNew && admin) s.createdBy = ctx.em.getReference(User, admin.id);
  const rescheduled = ['schedule', 'enabled', 'range'].some((f) => f in ctx.changes);
  if (ctx.isNew || rescheduled || !s.nextRunAt) {
    s.nextRunAt = s.enabled === false ? null : deliveries.nextRun(s.schedule, new Date());
    s.failures = 0;
  }
}
