-- Chain metrics course_viewers(_total): logged-in users who viewed a course, per course and in all.

SELECT CASE GROUPING(course_id) WHEN 0 THEN 'course_viewers' ELSE 'course_viewers_total' END AS metric,
    CASE GROUPING(course_id) WHEN 0 THEN ARRAY[course_id] ELSE '{}'::text[] END AS keys, user_id AS member
  FROM {{analytics_daily_user_content}} WHERE day = {{day}}::date AND event_action = 'course_viewed' AND course_id IS NOT NULL
  GROUP BY GROUPING SETS ((course_id, user_id), (user_id))
