-- Chain members of provisional day {{day}} that its raw tail adds ({{chain_candidates}}: the metrics'
-- candidates over the tail's rows, rendered for pg_temp): those not stored for the day already (one
-- probe of the members' key, the latest day up to {{day}}: {{day}} itself means counted up to W), with
-- the previous day each was seen, stored (not one of the live days, {{live_days}}) or an earlier live day.

INSERT INTO {{report_live_members}} (day, metric, keys, member, prev_day)
  SELECT {{day}}::date, c.metric, c.keys, c.member, greatest(ps.day, pl.day)
  FROM ({{chain_candidates}}) c
  LEFT JOIN LATERAL (SELECT h.day FROM {{analytics_daily_chain_members}} h
    WHERE h.metric = c.metric AND h.member = c.member AND h.keys = c.keys AND h.day <= {{day}}::date AND h.day <> ALL({{live_days}})
    ORDER BY h.day DESC LIMIT 1) ps ON true
  LEFT JOIN LATERAL (SELECT max(l.day) AS day FROM {{report_live_members}} l
    WHERE l.metric = c.metric AND l.member = c.member AND l.keys = c.keys AND l.day < {{day}}::date) pl ON true
  WHERE ps.day IS DISTINCT FROM {{day}}::date
