-- From registration to the first course view: the range's first views ({{first_milestones}}) next to the
-- accounts' creation ({{accounts}}: the users module's relation), each time to the whole ms
-- ({{first_at_ms}} − {{created_at_ms}}, whole-ms.sql); accounts deleted since, or created after the view, do not count.

SELECT count(*)::int AS users, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS median_ms, sum(ms) AS sum_ms
         FROM (SELECT {{first_at_ms}} - {{created_at_ms}} AS ms
               FROM {{first_milestones}} f JOIN {{accounts}} u USING (user_id)
               WHERE f.milestone = {{milestone}}) x
         WHERE ms >= 0
