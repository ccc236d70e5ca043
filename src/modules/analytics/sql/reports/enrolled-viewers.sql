-- Each enrolment granted from {{from}} to {{to}} ({{enrolments}}: the access module's relation; one
-- course: {{course_filter}}): did the learner view the course
-- from the range's start to the day of the enrolment? One probe of the course viewers' index (stored
-- days: {{stored_day}}), or of the live days' members ({{live_members}}). Counted per course, and learners overall.

WITH e AS MATERIALIZED (
           SELECT e.user_id, e.course_id,
             EXISTS (SELECT 1 FROM {{analytics_daily_chain_members}} h
               WHERE h.metric = 'course_viewers' AND h.member = e.user_id AND h.keys[1] = e.course_id
                 AND h.day BETWEEN {{from}} AND e.day AND {{stored_day}})
             OR EXISTS (SELECT 1 FROM {{live_members}} l
               WHERE l.metric = 'course_viewers' AND l.member = e.user_id AND l.keys = ARRAY[e.course_id] AND l.day <= e.day) AS viewed
           FROM (SELECT a.user_id, a.course_id, (a.granted_at AT TIME ZONE 'UTC')::date AS day FROM {{enrolments}} a
             WHERE a.granted_at >= {{from}}::timestamp AT TIME ZONE 'UTC'
               AND a.granted_at < ({{to}} + 1)::timestamp AT TIME ZONE 'UTC' {{course_filter}}) e)
         SELECT course_id, count(*)::int AS enrolments, (count(*) FILTER (WHERE viewed))::int AS viewers,
           (SELECT count(DISTINCT user_id) FROM e WHERE viewed)::int AS learners
         FROM e GROUP BY course_id
