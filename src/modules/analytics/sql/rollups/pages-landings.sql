-- Landings and bounces of the day's pages, from the day's sessions (their landing page: first page
-- view). Runs on the writer after the pages' rows are copied in.

UPDATE {{analytics_daily_pages}} p SET landings = l.landings, bounces = l.bounces
      FROM (SELECT landing_page, count(*) AS landings, count(*) FILTER (WHERE page_views = 1) AS bounces
            FROM {{analytics_daily_sessions}} WHERE day = {{day}}::date AND landing_page IS NOT NULL
            GROUP BY landing_page) l
      WHERE p.day = {{day}}::date AND p.page = l.landing_page
