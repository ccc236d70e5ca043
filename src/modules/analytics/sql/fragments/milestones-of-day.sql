-- Fragment: day {{day}}'s milestones per user, one column each, then one row per milestone reached
-- with the one before (the milestones: rollup/rollup-values.ts MILESTONE_ACTIONS).

(SELECT user_id, {{milestone_columns}}
    FROM {{analytics_daily_user_content}}
    WHERE day = {{day}}::date AND event_action IN ({{milestone_actions}})
    GROUP BY user_id ORDER BY user_id) u
  CROSS JOIN LATERAL (VALUES {{milestone_rows}})
    AS m(milestone, first_at, prev_milestone, prev_same_day)
