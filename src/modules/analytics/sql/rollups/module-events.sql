-- Module starts and completions per course and module, from the day's learning rows.

INSERT INTO {{analytics_daily_module_events}} (day, course_id, module_id, event_action, events)
      SELECT {{day}}::date, course_id, module_id, event_action, sum(events)
      FROM {{analytics_daily_user_content}}
      WHERE day = {{day}}::date AND event_action IN ('module_started', 'module_completed') AND module_id IS NOT NULL
      GROUP BY 2, 3, 4
