-- Sessions grouped by first-touch source; no source is 'Direct'.

coalesce(utm_source, 'Direct')
