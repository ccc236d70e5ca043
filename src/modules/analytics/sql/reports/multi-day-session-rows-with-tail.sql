-- multi-day-session-rows.sql when the range has a provisional day with a raw tail: a session day the
-- tail touched is its merged row ({{report_tail_sessions}}, sign +1) instead of the stored one, with its
-- conversion. {{session_columns}}: the sessions' columns, of alias x. Each session day is probed by its
-- key (LATERAL): the planner, misjudging how few sessions cross midnight, would otherwise sort every
-- session of the range to merge-join them (LIMIT 1, one row per key anyway, keeps it a probe).

(WITH md AS (
      SELECT sd.day, sd.session_id, sd.converted FROM {{session_days}} sd
      WHERE sd.session_id IN (SELECT session_id FROM {{session_days}} x
        WHERE x.prev_day BETWEEN {{from}} AND {{to}} AND x.day > {{from}}))
    SELECT y.* FROM md CROSS JOIN LATERAL (
      SELECT {{session_columns}}, x.converted FROM {{report_tail_sessions}} x
        WHERE x.session_id = md.session_id AND x.day = md.day AND x.sign = 1
      UNION ALL
      SELECT {{session_columns}}, md.converted FROM {{sessions}} x
        WHERE x.day = md.day AND x.session_id = md.session_id
          AND NOT EXISTS (SELECT 1 FROM {{report_tail_sessions}} t
            WHERE t.session_id = md.session_id AND t.day = md.day AND t.sign = 1)
      LIMIT 1) y)
