-- Per event type, action and platform (snapshot reader). Two scans, each with one hash table: the
-- per-session pairs need no aggregate, which one GROUPING SETS pass would compute for them anyway.
-- Anonymous events are the events of the NULL user's group.

SELECT event_type, event_action, platform, sum(n) AS events, count(user_id) AS unique_users,
        sum(sessions) AS unique_sessions, coalesce(sum(n) FILTER (WHERE anonymous), 0) AS anonymous_events,
        sum(logged_in) AS logged_in_events
      FROM (SELECT event_type, event_action, platform, user_id, user_id IS NULL AS anonymous, count(*) AS n,
              count(*) FILTER (WHERE is_logged_in) AS logged_in, NULL::bigint AS sessions
            FROM {{analytics_events}} WHERE {{day_range}}
            GROUP BY event_type, event_action, platform, user_id
            UNION ALL
            SELECT event_type, event_action, platform, NULL, false, NULL, NULL, count(session_id)
            FROM (SELECT event_type, event_action, platform, session_id FROM {{analytics_events}} WHERE {{day_range}}
                  GROUP BY event_type, event_action, platform, session_id) s
            GROUP BY event_type, event_action, platform) g
      GROUP BY event_type, event_action, platform
