import { DailyCampaign } from './daily-campaign.entity.js';
import { DailyContentCount } from './daily-content-count.entity.js';
import { DailyChainCount } from './daily-chain-count.entity.js';
import { DailyChainMember } from './daily-chain-member.entity.js';
import { DailyMilestoneGap } from './daily-milestone-gap.entity.js';
import { DailyModuleEvent } from './daily-module-event.entity.js';
import { DailySessionDay } from './daily-session-day.entity.js';
import { DailySessionDuration } from './daily-session-duration.entity.js';
import { DailySessionFunnel } from './daily-session-funnel.entity.js';
import { DailySessionLanding } from './daily-session-landing.entity.js';
import { DailyUserFirst } from './daily-user-first.entity.js';

/** Aggregates derived from the base ones for the reports (rollup/derived-rollup-sql.ts). */
export const REPORT_AGGREGATE_ENTITIES = [
  DailySessionDay,
  DailySessionDuration,
  DailySessionFunnel,
  DailySessionLanding,
  DailyCampaign,
  DailyModuleEvent,
  DailyContentCount,
  DailyUserFirst,
  DailyMilestoneGap,
  DailyChainMember,
  DailyChainCount,
];
