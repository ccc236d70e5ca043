-- Chain metric active_users: the spec's active user, a user with a logged-in event that day.

SELECT 'active_users'::text AS metric, '{}'::text[] AS keys, user_id AS member
      FROM {{analytics_daily_user_activity}} WHERE day = {{day}}::date AND logged_in_events > 0
