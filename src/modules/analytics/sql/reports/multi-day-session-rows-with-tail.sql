-- multi-day-session-rows.sql when the range has a provisional day with a raw tail: a session day the
-- tail touched is its merged row ({{report_tail_sessions}}, sign +1) instead of the stored one, with its
-- conversion. {{session_columns}}: the sessions' columns, of alias x.

(WITH md AS (
      SELECT sd.day, sd.session_id, sd.converted FROM {{session_days}} sd
      WHERE sd.session_id IN (SELECT session_id FROM {{session_days}} x
        WHERE x.prev_day BETWEEN {{from}} AND {{to}} AND x.day > {{from}}))
    SELECT {{session_columns}}, md.converted FROM md JOIN {{sessions}} x ON x.day = md.day AND x.session_id = md.session_id
      WHERE NOT EXISTS (SELECT 1 FROM {{report_tail_sessions}} t
        WHERE t.session_id = md.session_id AND t.day = md.day AND t.sign = 1)
    UNION ALL
    SELECT {{session_columns}}, x.converted FROM md JOIN {{report_tail_sessions}} x
      ON x.session_id = md.session_id AND x.day = md.day AND x.sign = 1)
