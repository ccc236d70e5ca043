-- Fragment: first occurrence of each milestone per user on day {{day}} (time of the day's first such
-- event): the reports' first milestones of a live day.

SELECT user_id, event_action AS milestone, min(first_at) AS first_at
  FROM {{analytics_daily_user_content}}
  WHERE day = {{day}}::date AND event_action IN ({{milestone_actions}})
  GROUP BY user_id, event_action
