import { Injectable, Logger } from '@nestjs/common';
import { replicaUnavailable } from '../../../infra/database/replica-fallback.js';
import { utcDay } from '../rollup/index.js';
import { computeLiveDays, type LivePlan } from './live-days.js';
import { rangeDays, RUNNER_SQL } from './report-days.js';
import { type DayRange } from './report-range.js';
import { ReportScope } from './report-scope.js';
import { ReportsDb } from './reports-db.js';

export { ReportScope, type ReportSources } from './report-scope.js';

/** What a report reads. */
export interface ReportPlan extends LivePlan {
  /** Rollups whose ledger entries ('done') make a day answered from the stored aggregates. */
  stored: string[];
  /** Aggregates (rollup names) the report reads for the other days, computed from raw events. */
  live?: string[];
  /** Chain metrics whose members the report needs for those days (`liveMembers`). */
  chains?: string[];
  /** First milestones of those days (`liveFirsts`). */
  milestones?: boolean;
  /** Session days with their previous day, for those days (`liveSessionDays`). */
  sessionDays?: boolean;
}

const JIT_OFF = RUNNER_SQL['jit off'];

/** The replica was asked first and has a day to compute from raw events: the primary answers. */
const NEEDS_PRIMARY = Symbol('needs the primary');

@Injectable()
export class ReportRunner {
  private readonly logger = new Logger(ReportRunner.name);

  constructor(private readonly db: ReportsDb) {}

  /**
   * Runs `work` with the range's days split between aggregates and raw events, all of it on one
   * server. With a replica, the replica's own ledger decides: every day of the range rolled up
   * there (no raw-event day, nothing to compute into temporary tables, which a hot standby refuses)
   * and the whole report runs there, in one snapshot of the replica, so a replica that lags gives
   * an older answer that is consistent in itself; otherwise the whole report runs on the primary.
   */
  async run<T>(
    range: DayRange,
    plan: ReportPlan,
    work: (scope: ReportScope) => Promise<T>,
    now = new Date(),
  ): Promise<T> {
    const today = utcDay(now);
    if (this.db.hasReplica) {
      try {
        const answer = await this.db.readTransaction(async (client) => {
          await client.query(JIT_OFF);
          const days = await rangeDays(client, range, plan.stored, today, !!plan.milestones);
          // The tail goes into temporary tables too, which a hot standby refuses.
          if (days.liveDays.length || days.historyDays.length || days.tailDays.length) return NEEDS_PRIMARY;
          return {
            value: await work(
              new ReportScope(range, today, days.storedDays, [], new Set(), client, [], 'replica'),
            ),
          };
        }, 'replica');
        if (answer !== NEEDS_PRIMARY) return answer.value;
      } catch (error) {
        if (!replicaUnavailable(error)) throw error;
        this.logger.warn(`report answered by the primary: the replica failed (${(error as Error).message})`);
      }
    }
    return this.db.readTransaction(async (client) => {
      await client.query(JIT_OFF);
      const { storedDays, liveDays, historyDays, tailDays } = await rangeDays(
        client,
        range,
        plan.stored,
        today,
        !!plan.milestones,
      );
      const liveTables =
        liveDays.length || historyDays.length || tailDays.length
          ? await computeLiveDays(client, plan, liveDays, historyDays, tailDays)
          : new Set<string>();
      return work(
        new ReportScope(
          range,
          today,
          storedDays,
          liveDays,
          liveTables,
          client,
          historyDays,
          'primary',
          tailDays,
        ),
      );
    }, 'primary');
  }
}
