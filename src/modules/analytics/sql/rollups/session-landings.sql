-- The day's sessions per platform, source and landing page, with bounces and conversions.

INSERT INTO {{analytics_daily_session_landings}} (day, platform, utm_source, landing_page, sessions,
        bounces, conversions, page_views)
      SELECT {{day}}::date, platform, utm_source, landing_page, count(*), count(*) FILTER (WHERE page_views = 1),
        count(*) FILTER (WHERE converted), sum(page_views)
      FROM {{sessions_with_conversion}} s
      GROUP BY 2, 3, 4
