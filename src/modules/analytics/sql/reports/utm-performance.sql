-- Per UTM triple over the range ({{campaigns}}): events, page views, distinct users
-- ({{users}}) and converters ({{converters}}); {{source_filter}}: no condition, or utm-source-is.sql.

SELECT t.utm_source, t.utm_medium, t.utm_campaign, t.events, t.page_views, coalesce(u.members, 0) AS users, coalesce(c.members, 0) AS conversions
         FROM (SELECT utm_source, utm_medium, utm_campaign, sum(events) AS events, sum(page_views) AS page_views
               FROM {{campaigns}} x WHERE utm_source IS NOT NULL AND {{source_filter}} GROUP BY 1, 2, 3) t
         LEFT JOIN {{users}} u ON u.keys = ARRAY[t.utm_source, t.utm_medium, t.utm_campaign]
         LEFT JOIN {{converters}} c ON c.keys = ARRAY[t.utm_source, t.utm_medium, t.utm_campaign]
         ORDER BY users DESC, events DESC, t.utm_source, t.utm_medium NULLS LAST, t.utm_campaign NULLS LAST
