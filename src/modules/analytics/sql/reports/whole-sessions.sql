-- The whole sessions of multi-day session rows ({{rows}}), one row each: platform (max), first-touch
-- source and landing page of the first day, duration from the first to the last event, the funnel
-- chained across the days (analytics_funnel_chain: sql/functions/login-funnel-chain.sql).

(SELECT session_id, max(platform) AS platform,
      (array_agg(utm_source ORDER BY day) FILTER (WHERE utm_source IS NOT NULL))[1] AS utm_source,
      extract(epoch FROM max(last_at) - min(first_at)) AS seconds,
      (array_agg(landing_page ORDER BY day) FILTER (WHERE landing_page IS NOT NULL))[1] AS landing_page,
      sum(page_views) AS page_views, bool_or(converted) AS converted,
      analytics_funnel_chain(funnel ORDER BY day) AS funnel_step
    FROM {{rows}} m GROUP BY session_id)
