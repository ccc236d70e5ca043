-- The stored first milestones ({{user_firsts}}) that are first times still after the raw days before the
-- range ({{history}}: x.day is one of them) in the live firsts ({{live_firsts}}), with their previous
-- milestone's first time ({{previous_milestone}} of s.milestone) possibly earlier there.

SELECT s.milestone, s.user_id, s.first_at, least(s.prev_first_at, (SELECT min(x.first_at) FROM {{live_firsts}} x
        WHERE {{history}} AND x.user_id = s.user_id AND x.milestone = {{previous_milestone}})) AS prev_first_at
      FROM {{user_firsts}} s
      WHERE NOT EXISTS (SELECT 1 FROM {{live_firsts}} x WHERE {{history}} AND x.user_id = s.user_id AND x.milestone = s.milestone)
