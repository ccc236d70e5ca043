import type { TableComments } from '../../infra/database/table-comments.js';

/**
 * What each of this module's tables and columns holds, for analysts: the ORM writes these as
 * PostgreSQL comments (Metabase shows them as descriptions). A change here needs a migration
 * (`npm run migration:create` picks it up); the schema test fails until there is one.
 */
export const ANALYTICS_TABLE_COMMENTS: TableComments = {
  analytics_events: {
    table:
      'Raw tracking events (spec table 8), partitioned by UTC day of timestamp; kept 90 days (ANALYTICS_RETENTION_DAYS), then only the analytics_daily_* aggregates remain.',
    columns: {
      id: "Event id: the client's (deduplicated) or generated.",
      user_id: 'The user (users.id) of a logged-in event; null when anonymous.',
      session_id: 'Browser/app session id.',
      event_type:
        'Event type, e.g. we_page_load, button_click, course_event, class_event, video_event, contest_event, auth_event.',
      event_action: 'Specific action, e.g. login_success, class_completed, video_progress.',
      button_name: 'Button clicked (button_click).',
      page: 'Page path, as sent (may carry a query string).',
      destination: 'Navigation destination.',
      course_id: 'Related course (courses.id), if any.',
      class_id: 'Related class (classes.id), if any.',
      utm_source: 'UTM source.',
      utm_medium: 'UTM medium.',
      utm_campaign: 'UTM campaign.',
      utm_term: 'UTM term.',
      utm_content: 'UTM content.',
      platform: 'web or mobile (default web).',
      is_logged_in: 'Whether the user was signed in when the event happened.',
      user_email: 'E-mail of the signed-in user at the time.',
      custom_data:
        'Additional attributes as JSON, e.g. milestone (0-100) and watched_seconds of video_progress, module_id, new_user.',
      timestamp: 'When the event happened (UTC; client time up to 72 h late is accepted).',
      created_at: 'When the server stored it (UTC).',
    },
  },
  analytics_daily_sessions: {
    table:
      "One row per UTC day and session: the session's events of that day. Rows of a day are final once the day is sealed (rolled up at least 3 days — ANALYTICS_REROLL_DAYS — after it ended; see reporting.rollup_days); until then the nightly job replaces them with late events included.",
    columns: {
      day: 'UTC day.',
      session_id: 'Session id.',
      user_id: 'The user of the session (the largest id if several), null if anonymous all day.',
      platform: 'Platform of the session.',
      first_at: 'First event of the session that day (UTC).',
      last_at: 'Last event of the session that day (UTC).',
      events: 'Events.',
      page_views: 'we_page_load events.',
      landing_page: 'Path (no query string) of the first page view.',
      utm_source: 'UTM source of the first event carrying one.',
      utm_medium: 'UTM medium of that event.',
      utm_campaign: 'UTM campaign of that event.',
      logged_in: 'Whether any event was logged in.',
      funnel: 'Login funnel state: element 1 is the furthest step (0-7) reached strictly in order.',
    },
  },
  analytics_daily_utm: {
    table:
      'One row per UTC day × UTM triple × session × user (internal grain; use reporting.daily_utm for a summary). Rows of a day are final once the day is sealed (rolled up at least 3 days — ANALYTICS_REROLL_DAYS — after it ended; see reporting.rollup_days); until then the nightly job replaces them with late events included.',
    columns: {
      day: 'UTC day.',
      row_no: 'Row number within the day (with day, the key; no meaning).',
      utm_source: 'UTM source (null: untagged).',
      utm_medium: 'UTM medium.',
      utm_campaign: 'UTM campaign.',
      session_id: 'Session id.',
      user_id: 'User id, null if anonymous.',
      events: 'Events.',
      page_views: 'we_page_load events.',
      logins: 'login_success events.',
      logged_in_events: 'Events sent while logged in.',
      registered: 'Whether a login_success of a new user happened.',
      first_at: 'First event (UTC).',
      last_at: 'Last event (UTC).',
    },
  },
  analytics_daily_events: {
    table:
      'One row per UTC day × event type × action × platform. Rows of a day are final once the day is sealed (rolled up at least 3 days — ANALYTICS_REROLL_DAYS — after it ended; see reporting.rollup_days); until then the nightly job replaces them with late events included.',
    columns: {
      id: 'Surrogate key (no meaning).',
      day: 'UTC day.',
      event_type: 'Event type.',
      event_action: 'Event action (null: none).',
      platform: 'Platform.',
      events: 'Events.',
      unique_users: 'Distinct users (logged-in events).',
      unique_sessions: 'Distinct sessions.',
      anonymous_events: 'Events without a user.',
      logged_in_events: 'Events sent while logged in.',
    },
  },
  analytics_daily_content: {
    table:
      'One row per UTC day × course × class × event type × action × milestone: content events. Rows of a day are final once the day is sealed (rolled up at least 3 days — ANALYTICS_REROLL_DAYS — after it ended; see reporting.rollup_days); until then the nightly job replaces them with late events included.',
    columns: {
      id: 'Surrogate key (no meaning).',
      day: 'UTC day.',
      course_id: 'Course (courses.id), if any.',
      class_id: 'Class (classes.id), if any.',
      event_type: 'Event type.',
      event_action: 'Event action.',
      milestone: 'custom_data.milestone (0-100, video_progress), else null.',
      events: 'Events.',
      watch_seconds: 'Sum of custom_data.watched_seconds (seconds).',
    },
  },
  analytics_daily_content_counts: {
    table:
      'One row per UTC day × course × class: content events counted by kind (from analytics_daily_content). Rows of a day are final once the day is sealed (rolled up at least 3 days — ANALYTICS_REROLL_DAYS — after it ended; see reporting.rollup_days); until then the nightly job replaces them with late events included.',
    columns: {
      id: 'Surrogate key (no meaning).',
      day: 'UTC day.',
      course_id: 'Course (courses.id), if any.',
      class_id: 'Class (classes.id), if any.',
      page_views: 'we_page_load events.',
      course_views: 'course_viewed events.',
      class_starts: 'class_started events.',
      class_completions: 'class_completed events.',
      reached25: 'video_progress events at milestone 25.',
      reached50: 'video_progress events at milestone 50.',
      reached75: 'video_progress events at milestone 75.',
      contest_starts: 'contest_started events.',
      contest_completions: 'contest_completed events.',
      video_events: 'video_event events.',
      contest_events: 'contest_event events.',
    },
  },
  analytics_daily_pages: {
    table:
      'One row per UTC day × page path (query string and fragment removed). Rows of a day are final once the day is sealed (rolled up at least 3 days — ANALYTICS_REROLL_DAYS — after it ended; see reporting.rollup_days); until then the nightly job replaces them with late events included.',
    columns: {
      id: 'Surrogate key (no meaning).',
      day: 'UTC day.',
      page: 'Page path.',
      page_views: 'Page views.',
      unique_sessions: 'Distinct sessions that viewed it.',
      unique_users: 'Distinct users that viewed it.',
      landings: 'Sessions that began on it.',
      bounces: 'Sessions that began on it and viewed one page only.',
    },
  },
  analytics_daily_user_content: {
    table:
      "One row per UTC day × user × course × module × class × event type × action: a learner's content events (internal grain). Rows of a day are final once the day is sealed (rolled up at least 3 days — ANALYTICS_REROLL_DAYS — after it ended; see reporting.rollup_days); until then the nightly job replaces them with late events included.",
    columns: {
      day: 'UTC day.',
      row_no: 'Row number within the day (with day, the key; no meaning).',
      user_id: 'User (users.id).',
      course_id: 'Course, if any.',
      module_id: 'custom_data.module_id, if any.',
      class_id: 'Class, if any.',
      event_type: 'Event type.',
      event_action: 'Event action.',
      events: 'Events.',
      first_at: 'First such event (UTC).',
      last_at: 'Last such event (UTC).',
      watch_seconds: 'Sum of watched_seconds (seconds).',
      max_milestone: 'Highest milestone (0-100) reached.',
    },
  },
  analytics_daily_user_activity: {
    table:
      "One row per UTC day × user: the user's activity that day. Rows of a day are final once the day is sealed (rolled up at least 3 days — ANALYTICS_REROLL_DAYS — after it ended; see reporting.rollup_days); until then the nightly job replaces them with late events included.",
    columns: {
      day: 'UTC day.',
      user_id: 'User (users.id).',
      events: 'Events.',
      logged_in_events: 'Events sent while logged in.',
      sessions: 'Distinct sessions.',
      page_views: 'Page views.',
      logins: 'login_success events.',
      registered: 'Whether the user registered that day.',
      first_at: 'First event (UTC).',
      last_at: 'Last event (UTC).',
    },
  },
  analytics_daily_login_funnel: {
    table:
      'One row per UTC day × login funnel step (1 login page, 2 login button, 3 e-mail entered, 4 code requested, 5 code entered, 6 login success, 7 dashboard): sessions that reached the step in order. Rows of a day are final once the day is sealed (rolled up at least 3 days — ANALYTICS_REROLL_DAYS — after it ended; see reporting.rollup_days); until then the nightly job replaces them with late events included.',
    columns: {
      day: 'UTC day.',
      step: 'Funnel step, 1-7.',
      sessions: 'Sessions that reached this step or further.',
    },
  },
  analytics_daily_session_funnel: {
    table:
      'One row per UTC day × platform × first-touch UTM source × furthest funnel step (0-7) reached. Rows of a day are final once the day is sealed (rolled up at least 3 days — ANALYTICS_REROLL_DAYS — after it ended; see reporting.rollup_days); until then the nightly job replaces them with late events included.',
    columns: {
      id: 'Surrogate key (no meaning).',
      day: 'UTC day.',
      platform: 'Platform.',
      utm_source: 'First-touch UTM source (null: untagged).',
      step: 'Furthest login funnel step reached in order (0: none).',
      sessions: 'Sessions.',
    },
  },
  analytics_daily_session_durations: {
    table:
      'One row per UTC day × platform × UTM source × duration bucket (lower bounds 0, 10, 30, 60, 180, 600, 1800, 3600 s). Rows of a day are final once the day is sealed (rolled up at least 3 days — ANALYTICS_REROLL_DAYS — after it ended; see reporting.rollup_days); until then the nightly job replaces them with late events included.',
    columns: {
      id: 'Surrogate key (no meaning).',
      day: 'UTC day.',
      platform: 'Platform.',
      utm_source: 'First-touch UTM source.',
      bucket: 'Duration bucket, 1-8 (see the table comment).',
      sessions: 'Sessions.',
      seconds: 'Sum of their durations (seconds, last event − first event of the day).',
    },
  },
  analytics_daily_session_landings: {
    table:
      'One row per UTC day × platform × UTM source × landing page. Rows of a day are final once the day is sealed (rolled up at least 3 days — ANALYTICS_REROLL_DAYS — after it ended; see reporting.rollup_days); until then the nightly job replaces them with late events included.',
    columns: {
      id: 'Surrogate key (no meaning).',
      day: 'UTC day.',
      platform: 'Platform.',
      utm_source: 'First-touch UTM source.',
      landing_page: 'Path of the first page view.',
      sessions: 'Sessions.',
      bounces: 'Sessions with one page view.',
      conversions: 'Sessions with a login_success.',
      page_views: 'Page views of those sessions.',
    },
  },
  analytics_daily_session_days: {
    internal: true,
    table:
      "One row per UTC day × session, with the session's previous active day (internal: sessions spanning days). Rows of a day are final once the day is sealed (rolled up at least 3 days — ANALYTICS_REROLL_DAYS — after it ended; see reporting.rollup_days); until then the nightly job replaces them with late events included.",
    columns: {
      day: 'UTC day.',
      session_id: 'Session id.',
      prev_day: "The session's previous day with events, if any.",
      converted: 'Whether the session had a login_success that day.',
    },
  },
  analytics_daily_campaigns: {
    table:
      'One row per UTC day × UTM source × medium × campaign: events, page views and logins. Rows of a day are final once the day is sealed (rolled up at least 3 days — ANALYTICS_REROLL_DAYS — after it ended; see reporting.rollup_days); until then the nightly job replaces them with late events included.',
    columns: {
      id: 'Surrogate key (no meaning).',
      day: 'UTC day.',
      utm_source: 'UTM source (null: untagged).',
      utm_medium: 'UTM medium.',
      utm_campaign: 'UTM campaign.',
      events: 'Events.',
      page_views: 'Page views.',
      logins: 'login_success events.',
    },
  },
  analytics_daily_module_events: {
    table:
      'One row per UTC day × course × module × action (module_started, module_completed). Rows of a day are final once the day is sealed (rolled up at least 3 days — ANALYTICS_REROLL_DAYS — after it ended; see reporting.rollup_days); until then the nightly job replaces them with late events included.',
    columns: {
      id: 'Surrogate key (no meaning).',
      day: 'UTC day.',
      course_id: 'Course (courses.id).',
      module_id: 'Module (modules.id).',
      event_action: 'module_started or module_completed.',
      events: 'Events.',
    },
  },
  analytics_daily_user_firsts: {
    table:
      'One row per user × milestone (course_viewed, class_started, class_completed, module_completed): its first occurrence ever, on day. Rows of a day are final once the day is sealed (rolled up at least 3 days — ANALYTICS_REROLL_DAYS — after it ended; see reporting.rollup_days); until then the nightly job replaces them with late events included.',
    columns: {
      day: 'UTC day of the first occurrence.',
      user_id: 'User (users.id).',
      milestone: 'Milestone action.',
      first_at: 'First occurrence (UTC).',
      prev_first_at: 'First occurrence of the milestone before it in the journey, if any (UTC).',
    },
  },
  analytics_daily_milestone_gaps: {
    internal: true,
    table:
      "One row per UTC day × milestone × gap bucket: time between a user's first occurrences of consecutive milestones (internal: medians over ranges). Rows of a day are final once the day is sealed (rolled up at least 3 days — ANALYTICS_REROLL_DAYS — after it ended; see reporting.rollup_days); until then the nightly job replaces them with late events included.",
    columns: {
      id: 'Surrogate key (no meaning).',
      day: 'UTC day.',
      milestone: 'Milestone reached.',
      bucket: 'Gap bucket (geometric ×1.25 in ms; 0: no earlier milestone).',
      reached: 'Users whose first occurrence fell that day.',
      sum_ms: 'Sum of their gaps (milliseconds).',
      gaps: 'Distinct gaps in the bucket (ms, ascending).',
      counts: 'Users per gap, parallel to gaps.',
    },
  },
  analytics_daily_chain_members: {
    internal: true,
    table:
      'Internal: per UTC day × metric × keys, each member (user) with the previous day it was seen with the same keys; lets reports count distinct users over any range from daily rows. Rows of a day are final once the day is sealed (rolled up at least 3 days — ANALYTICS_REROLL_DAYS — after it ended; see reporting.rollup_days); until then the nightly job replaces them with late events included.',
    columns: {
      day: 'UTC day.',
      metric: 'Distinct-count metric (e.g. utm_users, course_viewers).',
      keys: "The metric's keys (UTM triple, course id, or none).",
      member: 'The member counted (a user id).',
      prev_day: 'Previous day the member was seen with these keys.',
    },
  },
  analytics_daily_chain_counts: {
    internal: true,
    table:
      'Internal: per UTC day × metric × keys × gap, how many members were seen again after gap_days (from analytics_daily_chain_members). Rows of a day are final once the day is sealed (rolled up at least 3 days — ANALYTICS_REROLL_DAYS — after it ended; see reporting.rollup_days); until then the nightly job replaces them with late events included.',
    columns: {
      id: 'Surrogate key (no meaning).',
      day: 'UTC day.',
      metric: 'Distinct-count metric.',
      keys: "The metric's keys.",
      gap_days:
        'Days since the member was last seen with these keys (null: not within the longest report range).',
      members: 'Members.',
    },
  },
  analytics_rollup_ledger: {
    internal: true,
    table:
      'Which aggregate of which day is rolled up, when, from how many events, and whether it failed. A day is final (sealed) once every aggregate is done with started_at at least 1 + ANALYTICS_REROLL_DAYS (3) days after the day.',
    columns: {
      rollup: 'Aggregate name (analytics_daily_<name>).',
      day: 'UTC day.',
      status:
        'done, failed, pending (to be derived again) or provisional (today so far, up to covers_until; see ANALYTICS_INTRADAY_MINUTES).',
      rows: 'Rows written.',
      source_events: "The day's raw events when rolled up.",
      started_at: 'When the roll-up began (UTC).',
      finished_at: 'When it finished (UTC).',
      error: 'Failure message, if failed.',
      version: 'Hash of the SQL that wrote it.',
      covers_until:
        'A provisional day: its aggregates count the events with timestamps up to this time (committed when the refresh started). Null for other days.',
    },
  },
};
