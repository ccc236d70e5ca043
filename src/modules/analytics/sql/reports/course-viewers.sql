-- Distinct viewers per course ({{distinct_members}}: of chain metric course_viewers).

SELECT keys[1] AS course_id, members FROM ({{distinct_members}}) d
