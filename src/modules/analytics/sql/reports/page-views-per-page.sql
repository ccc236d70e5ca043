-- Page views per {{page_key}} (the page, or its first path segment: page-key-*.sql) over {{pages}}.

(SELECT {{page_key}} AS page, sum(page_views)::bigint AS views FROM {{pages}} p GROUP BY 1)
