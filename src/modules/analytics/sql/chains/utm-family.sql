-- Chain metrics utm_users* and utm_converters*: users with events carrying a UTM source (the spec's
-- query 3) per triple, per source and in all, and those with a login_success among them. One pass:
-- GROUPING SETS, one hash table per level of keys (the CASEs: rollup/chain-metrics.ts UTM_LEVELS).

SELECT m.metric, m.keys, g.user_id AS member
  FROM (SELECT utm_source, utm_medium, utm_campaign, user_id, sum(logins) > 0 AS converted,
          GROUPING(utm_source, utm_medium, utm_campaign) AS level
        FROM {{analytics_daily_utm}} WHERE day = {{day}}::date AND utm_source IS NOT NULL AND user_id IS NOT NULL
        GROUP BY GROUPING SETS ((utm_source, utm_medium, utm_campaign, user_id), (utm_source, user_id), (user_id))) g
  CROSS JOIN LATERAL (SELECT {{utm_users_metric}}, {{utm_keys}}
                      UNION ALL
                      SELECT {{utm_converters_metric}}, {{utm_keys}} WHERE g.converted) m(metric, keys)
