-- Session days of live day {{day}} ({{sessions_with_conversion}}: fragments/sessions-with-conversion.sql
-- rendered for pg_temp), with the previous day of each session: stored (not one of the live days,
-- {{live_days}}) or an earlier live day.

INSERT INTO {{report_live_session_days}} (day, session_id, prev_day, converted)
  SELECT {{day}}::date, s.session_id, greatest(ps.day, pl.day), s.converted
  FROM {{sessions_with_conversion}} s
  LEFT JOIN LATERAL (SELECT h.day FROM {{analytics_daily_session_days}} h
    WHERE h.session_id = s.session_id AND h.day < {{day}}::date AND h.day <> ALL({{live_days}})
    ORDER BY h.day DESC LIMIT 1) ps ON true
  LEFT JOIN LATERAL (SELECT max(l.day) AS day FROM {{report_live_session_days}} l WHERE l.session_id = s.session_id AND l.day < {{day}}::date) pl ON true
