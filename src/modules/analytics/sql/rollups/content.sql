-- Per course, class, event and milestone: the day's content events and watch time (snapshot reader).

SELECT course_id, class_id, event_type, event_action, milestone, count(*) AS events, coalesce(sum(watched), 0) AS watch_seconds
      FROM (SELECT course_id, class_id, event_type, event_action, {{milestone}} AS milestone, {{watched_seconds}} AS watched
            FROM {{analytics_events}} WHERE {{day_range}} AND {{content_event}}) e
      GROUP BY course_id, class_id, event_type, event_action, milestone
