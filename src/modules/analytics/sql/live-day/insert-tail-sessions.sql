-- The sessions of provisional day {{day}} that its raw tail touches: their tail rows ({{tail_sessions}},
-- the sessions rollup over the events after W, in the live day's temporary table), each merged with the
-- stored row of the same session (the events up to W), looked up by its key.
--
-- Each goes in twice: its stored row with sign −1, and the merged session M with sign +1 (the tail's row
-- alone when nothing is stored). Every tail event comes after every stored one, so M is: the stored
-- first event and landing page (the tail's when the prefix had none), the tail's last event, counts
-- summed, max of user and platform, the stored campaign when it had one, and the login funnel continued
-- from where the prefix left it ({{funnel_after_prefix}}: analytics_funnel_chain_step on each entry of
-- p.funnel with t.funnel, written out entry by entry, login-funnel.ts funnelChainStepSql).
-- `converted`: a login_success that day, stored (session days) or in the tail ({{tail_logins}}).
-- The stored row is probed by its key for each tail session (LIMIT 1 keeps the probe from being
-- flattened into a join: today's statistics, older than its refreshed rows, would scan the whole day).

WITH t AS (SELECT * FROM {{tail_sessions}} WHERE day = {{day}}::date),
p AS (SELECT s.*, sd.converted AS converted_before
      FROM t CROSS JOIN LATERAL (SELECT * FROM {{analytics_daily_sessions}} s
        WHERE s.day = {{day}}::date AND s.session_id = t.session_id LIMIT 1) s
      LEFT JOIN LATERAL (SELECT converted FROM {{analytics_daily_session_days}} d
        WHERE d.session_id = t.session_id AND d.day = {{day}}::date) sd ON true),
logins AS (SELECT DISTINCT session_id FROM {{tail_logins}} WHERE day = {{day}}::date AND session_id IS NOT NULL AND logins > 0)
INSERT INTO {{report_tail_sessions}} (day, session_id, user_id, platform, first_at, last_at, events, page_views,
    landing_page, utm_source, utm_medium, utm_campaign, logged_in, funnel, sign, prefixed, converted)
  SELECT day, session_id, user_id, platform, first_at, last_at, events, page_views, landing_page,
      utm_source, utm_medium, utm_campaign, logged_in, funnel, -1, true, coalesce(converted_before, false)
    FROM p
  UNION ALL
  SELECT {{day}}::date, t.session_id, greatest(p.user_id, t.user_id), greatest(p.platform, t.platform),
      coalesce(p.first_at, t.first_at), t.last_at, coalesce(p.events, 0) + t.events,
      coalesce(p.page_views, 0) + t.page_views, coalesce(p.landing_page, t.landing_page),
      CASE WHEN p.utm_source IS NOT NULL THEN p.utm_source ELSE t.utm_source END,
      CASE WHEN p.utm_source IS NOT NULL THEN p.utm_medium ELSE t.utm_medium END,
      CASE WHEN p.utm_source IS NOT NULL THEN p.utm_campaign ELSE t.utm_campaign END,
      coalesce(p.logged_in, false) OR t.logged_in,
      CASE WHEN p.funnel IS NULL THEN t.funnel ELSE {{funnel_after_prefix}} END,
      1, p.session_id IS NOT NULL,
      coalesce(p.converted_before, false) OR l.session_id IS NOT NULL
    FROM t LEFT JOIN p ON p.session_id = t.session_id LEFT JOIN logins l ON l.session_id = t.session_id
