-- The gaps between milestones of the day's first milestones (user-firsts.sql), per bucket. A later
-- roll-up of an earlier day can move a user's first time from a later day to that one: the later
-- days whose rows no longer add up to their user_firsts are rebuilt too.

WITH stale AS (
        SELECT g.day FROM (SELECT day, milestone, sum(reached) AS n FROM {{analytics_daily_milestone_gaps}}
                           WHERE day > {{day}}::date GROUP BY 1, 2) g
        LEFT JOIN (SELECT day, milestone, count(*) AS n FROM {{analytics_daily_user_firsts}}
                   WHERE day > {{day}}::date AND milestone <> {{first_milestone}} GROUP BY 1, 2) f USING (day, milestone)
        WHERE f.n IS DISTINCT FROM g.n),
      cleared AS (DELETE FROM {{analytics_daily_milestone_gaps}} WHERE day IN (SELECT day FROM stale))
      INSERT INTO {{analytics_daily_milestone_gaps}} (day, milestone, bucket, reached, sum_ms, gaps, counts)
      SELECT d.day, r.* FROM (SELECT {{day}}::date AS day UNION SELECT day FROM stale) d
      CROSS JOIN LATERAL ({{milestone_gap_rows}}) r
