-- Provisional day {{day}}'s sessions per landing page, corrected for its raw tail: each session the
-- tail touches out as stored (sign −1) and in as merged (+1), as rollups/session-landings.sql counts
-- them (a bounce: one page view; a conversion: a login_success that day).

INSERT INTO {{live_aggregate}} (day, platform, utm_source, landing_page, sessions,
    bounces, conversions, page_views)
  SELECT {{day}}::date, platform, utm_source, landing_page, sum(sign),
    coalesce(sum(sign) FILTER (WHERE page_views = 1), 0), coalesce(sum(sign) FILTER (WHERE converted), 0),
    sum(sign * page_views)
  FROM {{report_tail_sessions}} WHERE day = {{day}}::date
  GROUP BY 2, 3, 4
