export { ProgressModule } from './progress.module.js';
export { LearningOverviewService, completion } from './learning-overview.service.js';
export { LearningStatsService, type DayWindow } from './learning-stats.service.js';
export { PROGRESS_EVENTS, LearningMilestoneEvent, type ProgressEventName } from './progress.events.js';
export { PROGRESS_TABLE_COMMENTS } from './progress.table-comments.js';
