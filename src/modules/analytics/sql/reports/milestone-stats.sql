-- Per milestone over gap rows ({{gap_rows}}): users who reached it (`reached`), those with a time since
-- the milestone before (`users`) and the sum of those times, and the two middle times (`lo_ms`,
-- `hi_ms`, positions ⌊(users−1)/2⌋ and ⌊users/2⌋): the per-bucket counts locate them, and only the
-- values of their one or two buckets are read.

WITH r AS ({{gap_rows}}),
  t AS (SELECT milestone, sum(reached) AS reached, coalesce(sum(reached) FILTER (WHERE bucket > 0), 0) AS users,
          sum(sum_ms) AS sum_ms FROM r GROUP BY 1),
  p AS (SELECT milestone, (users - 1) / 2 AS lo, users / 2 AS hi FROM t WHERE users > 0),
  c AS (SELECT milestone, bucket, n, sum(n) OVER (PARTITION BY milestone ORDER BY bucket) - n AS below
        FROM (SELECT milestone, bucket, sum(reached) AS n FROM r WHERE bucket > 0 GROUP BY 1, 2) b),
  w AS (SELECT c.milestone, c.bucket, c.below FROM c JOIN p USING (milestone) WHERE c.below <= p.hi AND c.below + c.n > p.lo),
  x AS (SELECT r.milestone, g.ms, sum(g.n) AS n FROM r JOIN w USING (milestone, bucket)
        CROSS JOIN LATERAL unnest(r.gaps, r.counts) AS g(ms, n) GROUP BY 1, 2),
  v AS (SELECT x.milestone, x.ms, x.n, m.base + sum(x.n) OVER (PARTITION BY x.milestone ORDER BY x.ms) - x.n AS start
        FROM x JOIN (SELECT milestone, min(below) AS base FROM w GROUP BY 1) m USING (milestone))
SELECT t.milestone, t.reached, t.users, t.sum_ms,
  (SELECT v.ms FROM v WHERE v.milestone = p.milestone AND p.lo >= v.start AND p.lo < v.start + v.n) AS lo_ms,
  (SELECT v.ms FROM v WHERE v.milestone = p.milestone AND p.hi >= v.start AND p.hi < v.start + v.n) AS hi_ms
FROM t LEFT JOIN p USING (milestone)
