-- Per page path (no query string or fragment): views, distinct sessions and users (snapshot reader).
-- Landings and bounces are 0 here: pages-landings.sql completes them on the writer.

SELECT path AS page, sum(n) FILTER (WHERE by_session) AS page_views,
        count(session_id) FILTER (WHERE by_session) AS unique_sessions, count(user_id) FILTER (WHERE NOT by_session) AS unique_users,
        0 AS landings, 0 AS bounces
      FROM (SELECT path, session_id, user_id, GROUPING(session_id) = 0 AS by_session, count(*) AS n
            FROM (SELECT {{page_path}} AS path, session_id, user_id FROM {{analytics_events}}
                  WHERE {{day_range}} AND event_type = 'we_page_load' AND page IS NOT NULL) e
            GROUP BY GROUPING SETS ((path, session_id), (path, user_id))) g
      GROUP BY path
