-- First-milestone candidates of the live days ({{live_firsts}}) with no earlier first time stored
-- ({{analytics_daily_user_firsts}} of other days than the raw ones, {{raw_days}}) or on a raw day before
-- the range ({{history_days}}), and the one before ({{previous_milestone}} of l.milestone).

SELECT l.milestone, l.user_id, l.first_at, least(
        (SELECT min(x.first_at) FROM {{live_firsts}} x WHERE x.user_id = l.user_id AND x.milestone = {{previous_milestone}}),
        (SELECT h.first_at FROM {{analytics_daily_user_firsts}} h WHERE h.user_id = l.user_id AND h.milestone = {{previous_milestone}} AND h.day <> ALL({{raw_days}}))) AS prev_first_at
      FROM {{live_firsts}} l
      WHERE l.day <> ALL({{history_days}})
        AND NOT EXISTS (SELECT 1 FROM {{analytics_daily_user_firsts}} h
          WHERE h.user_id = l.user_id AND h.milestone = l.milestone AND h.first_at < l.first_at AND h.day <> ALL({{raw_days}}))
        AND NOT EXISTS (SELECT 1 FROM {{live_firsts}} e
          WHERE e.day = ANY({{history_days}}) AND e.user_id = l.user_id AND e.milestone = l.milestone)
