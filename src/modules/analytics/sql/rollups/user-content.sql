-- Per user and content (course, module, class) and event: the day's learning events, counted, with
-- their watch time and furthest milestone. Writer, from raw events (manifest: rollup/rollup-manifest.ts).
-- row_number() OVER (): numbers the day's rows of the aggregates keyed (day, row_no); no sequence value
-- per row, and the key serves the reads by day. A re-run numbers them again (the day's rows are replaced).

INSERT INTO {{analytics_daily_user_content}} (day, row_no, user_id, course_id, module_id, class_id, event_type,
        event_action, events, first_at, last_at, watch_seconds, max_milestone)
      SELECT {{day}}::date, row_number() OVER (), user_id, course_id, module_id, class_id, event_type, event_action, count(*), min("timestamp"),
        max("timestamp"), coalesce(sum(watched), 0), max(milestone)
      FROM (SELECT user_id, course_id, class_id, event_type, event_action, "timestamp",
              left(custom_data ->> 'module_id', 64) AS module_id, {{milestone}} AS milestone, {{watched_seconds}} AS watched
            FROM {{analytics_events}} WHERE {{day_range}} AND user_id IS NOT NULL AND {{content_event}}) e
      GROUP BY user_id, course_id, module_id, class_id, event_type, event_action
