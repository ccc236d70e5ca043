-- Distinct viewers of any course ({{distinct_members}}: of chain metric course_viewers_total).

SELECT sum(members) AS members FROM ({{distinct_members}}) d
