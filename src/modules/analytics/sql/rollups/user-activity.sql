-- Per user, from the day's UTM aggregate: the user's rows (one or more per session they had).

INSERT INTO {{analytics_daily_user_activity}} (day, user_id, events, logged_in_events, sessions, page_views, logins,
        registered, first_at, last_at)
      SELECT {{day}}::date, user_id, sum(events), sum(logged_in_events), count(session_id), sum(page_views), sum(logins),
        coalesce(bool_or(registered), false), min(first_at), max(last_at)
      FROM (SELECT user_id, session_id, sum(events) AS events, sum(logged_in_events) AS logged_in_events,
              sum(page_views) AS page_views, sum(logins) AS logins, bool_or(registered) AS registered,
              min(first_at) AS first_at, max(last_at) AS last_at
            FROM {{analytics_daily_utm}} WHERE day = {{day}}::date AND user_id IS NOT NULL
            GROUP BY user_id, session_id) s
      GROUP BY user_id
