-- Event counts per class over the range ({{content_counts}}): {{sums}} are the figures' sums;
-- {{course_filter}} is nothing, or class-figures-of-course.sql.

SELECT class_id AS "classId", max(course_id) AS "courseId", {{sums}}
     FROM {{content_counts}} c WHERE class_id IS NOT NULL{{course_filter}} GROUP BY class_id
