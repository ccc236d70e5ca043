-- Module starts and completions per module over the range ({{module_events}}); {{course_filter}}:
-- nothing, or module-progression-of-course.sql.

SELECT max(course_id) AS course_id, module_id,
           coalesce(sum(events) FILTER (WHERE event_action = 'module_started'), 0) AS started,
           coalesce(sum(events) FILTER (WHERE event_action = 'module_completed'), 0) AS completed
         FROM {{module_events}} e {{course_filter}}
         GROUP BY module_id
