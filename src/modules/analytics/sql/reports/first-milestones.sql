-- First milestones (milestone, user_id, first_at, prev_first_at): stored ({{stored}}) and live
-- ({{live}}), the earliest per user and milestone.

(SELECT DISTINCT ON (user_id, milestone) * FROM ({{stored}} UNION ALL {{live}}) x
    ORDER BY user_id, milestone, first_at)
