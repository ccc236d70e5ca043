-- The first milestones of the live days alone ({{live}}), the earliest per user and milestone.

(SELECT DISTINCT ON (user_id, milestone) * FROM ({{live}}) x ORDER BY user_id, milestone, first_at)
