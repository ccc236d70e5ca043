-- Per UTM triple, session and user: the day's events (snapshot reader). Numbered by row_number() OVER ()
-- (see user-content.sql).

SELECT row_number() OVER () AS row_no, utm_source, utm_medium, utm_campaign, session_id, user_id, count(*) AS events,
        count(*) FILTER (WHERE event_type = 'we_page_load') AS page_views,
        count(*) FILTER (WHERE event_action = 'login_success') AS logins,
        count(*) FILTER (WHERE is_logged_in) AS logged_in_events,
        bool_or(event_action = 'login_success' AND custom_data -> 'new_user' = 'true') AS registered,
        min("timestamp") AS first_at, max("timestamp") AS last_at
      FROM {{analytics_events}} WHERE {{day_range}}
      GROUP BY utm_source, utm_medium, utm_campaign, session_id, user_id
