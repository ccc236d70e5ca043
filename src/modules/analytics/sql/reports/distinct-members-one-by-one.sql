-- Exact distinct members of chain metric {{metric}} per period and keys (see rollup/chain-metrics.ts),
-- counted one by one: when a live day comes before a stored day (the stored chains may skip it).
-- {{period}} is the period start of m.day (filters/period-start.sql), {{keys_filter}} the keys predicate.

SELECT {{period}} AS period, m.keys, count(DISTINCT m.member) AS members
      FROM (SELECT day, keys, member FROM {{analytics_daily_chain_members}}
            WHERE metric = '{{metric}}' AND day BETWEEN {{from}} AND {{to}}
              AND {{stored_day}}
            UNION ALL SELECT day, keys, member FROM ({{live_members_of_metric}}) l) m
      WHERE {{keys_filter}}
      GROUP BY 1, 2
