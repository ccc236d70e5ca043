-- Course views per course over the range ({{content_counts}}); {{course_filter}}: nothing, or one course.

SELECT course_id, sum(course_views) AS views FROM {{content_counts}} c
         WHERE course_views > 0 AND course_id IS NOT NULL {{course_filter}} GROUP BY 1
