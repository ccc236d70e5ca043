/** Event types from the spec. Custom types are allowed too (see ingestion rules). */
export const EVENT_TYPES = [
  'we_page_load',
  'gtm_custom_click',
  'auth_event',
  'course_event',
  'class_event',
  'video_event',
  'contest_event',
  'error_event',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Event actions from the spec, plus the login-funnel steps its funnel query reads. */
export const EVENT_ACTIONS = [
  'login_success',
  'login_failed',
  'otp_requested',
  'course_viewed',
  'module_started',
  'module_completed',
  'class_started',
  'class_completed',
  'video_progress',
  'contest_started',
  'contest_completed',
] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

/** Actions the spec's login funnel (query 6) looks for, in funnel order (login-funnel.ts). */
export { FUNNEL_ACTIONS } from './login-funnel.js';

/**
 * Actions only the server records (listeners/*.ts, from the users, courses, access and progress
 * modules' domain events). A client event carrying one is refused: funnels, completion and
 * enrolment reports count them, so a client could otherwise forge logins or completions.
 */
export const SERVER_ONLY_ACTIONS = [
  'otp_requested',
  'login_failed',
  'login_success',
  'course_viewed',
  'course_enrolled',
  'module_started',
  'module_completed',
  'class_started',
  'class_completed',
  'video_progress',
  'contest_started',
  'contest_completed',
] as const;

export const PLATFORMS = ['web', 'mobile'] as const;
export type Platform = (typeof PLATFORMS)[number];
