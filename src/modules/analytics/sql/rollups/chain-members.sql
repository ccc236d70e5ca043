-- The day's members of every chain metric (sql/chains/, rollup/chain-metrics.ts) with the previous
-- day each was seen with the same keys. History rollup: reads its own table by its key.

INSERT INTO {{analytics_daily_chain_members}} (day, metric, keys, member, prev_day)
      SELECT {{day}}::date, c.metric, c.keys, c.member, p.day
      FROM (SELECT * FROM ({{chain_candidates}}) u ORDER BY metric, member, keys) c
      LEFT JOIN LATERAL (SELECT h.day FROM {{analytics_daily_chain_members}} h
        WHERE h.metric = c.metric AND h.member = c.member AND h.keys = c.keys AND h.day < {{day}}::date
        ORDER BY h.day DESC LIMIT 1) p ON true
