-- The stored first milestones of the range's rolled-up days ({{user_firsts}}).

SELECT milestone, user_id, first_at, prev_first_at FROM {{user_firsts}} s
