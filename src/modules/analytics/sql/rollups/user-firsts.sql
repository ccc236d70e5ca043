-- One row per user and milestone: its first occurrence ever, with the first occurrence of the
-- milestone before it (that day, or stored from an earlier day). A late event on an earlier day moves
-- the row there. History rollup: reads its own table by its key.

INSERT INTO {{analytics_daily_user_firsts}} (day, user_id, milestone, first_at, prev_first_at)
      SELECT {{day}}::date, u.user_id, m.milestone, m.first_at, least(m.prev_same_day,
        (SELECT h.first_at FROM {{analytics_daily_user_firsts}} h WHERE h.user_id = u.user_id AND h.milestone = m.prev_milestone))
      FROM {{milestones_of_day}}
      WHERE m.first_at IS NOT NULL
      ON CONFLICT (user_id, milestone) DO UPDATE SET day = excluded.day, first_at = excluded.first_at, prev_first_at = excluded.prev_first_at
        WHERE excluded.first_at < analytics_daily_user_firsts.first_at
