-- Per UTM triple: the day's events, page views and logins, added up from the UTM aggregate.

INSERT INTO {{analytics_daily_campaigns}} (day, utm_source, utm_medium, utm_campaign, events, page_views, logins)
      SELECT {{day}}::date, utm_source, utm_medium, utm_campaign, sum(events), sum(page_views), sum(logins)
      FROM {{analytics_daily_utm}} WHERE day = {{day}}::date
      GROUP BY 2, 3, 4
