-- Per chain metric, keys and gap (day - prev_day, NULL beyond the longest report range): the members
-- of the day (rollup/chain-metrics.ts).

INSERT INTO {{analytics_daily_chain_counts}} (day, metric, keys, gap_days, members)
      SELECT {{day}}::date, metric, keys, CASE WHEN prev_day >= {{day}}::date - {{max_range_days}} THEN {{day}}::date - prev_day END, count(*)
      FROM {{analytics_daily_chain_members}} WHERE day = {{day}}::date
      GROUP BY 2, 3, 4
