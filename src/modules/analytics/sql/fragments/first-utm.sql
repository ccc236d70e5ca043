-- Fragment: the campaign of a session's first event with one; written three times, computed once.

array_agg(ARRAY[utm_source, utm_medium, utm_campaign] ORDER BY "timestamp", id) FILTER (WHERE utm_source IS NOT NULL)
