-- Per course and class: the events of analytics_daily_content each column counts.

INSERT INTO {{analytics_daily_content_counts}} (day, course_id, class_id, page_views, course_views, class_starts, class_completions, reached25, reached50, reached75, contest_starts, contest_completions, video_events, contest_events)
      SELECT {{day}}::date, course_id, class_id,
        coalesce(sum(events) FILTER (WHERE event_type = 'we_page_load'), 0),
        coalesce(sum(events) FILTER (WHERE event_action = 'course_viewed'), 0),
        coalesce(sum(events) FILTER (WHERE event_action = 'class_started'), 0),
        coalesce(sum(events) FILTER (WHERE event_action = 'class_completed'), 0),
        coalesce(sum(events) FILTER (WHERE event_action = 'video_progress' AND milestone = 25), 0),
        coalesce(sum(events) FILTER (WHERE event_action = 'video_progress' AND milestone = 50), 0),
        coalesce(sum(events) FILTER (WHERE event_action = 'video_progress' AND milestone = 75), 0),
        coalesce(sum(events) FILTER (WHERE event_action = 'contest_started'), 0),
        coalesce(sum(events) FILTER (WHERE event_action = 'contest_completed'), 0),
        coalesce(sum(events) FILTER (WHERE event_type = 'video_event'), 0),
        coalesce(sum(events) FILTER (WHERE event_type = 'contest_event'), 0)
      FROM {{analytics_daily_content}} WHERE day = {{day}}::date
      GROUP BY course_id, class_id
