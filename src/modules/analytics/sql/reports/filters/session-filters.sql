-- The session reports' filters, each {{platform_filter}} / {{utm_source_filter}} a filter file (or nothing
-- when the filter is not set).

true{{platform_filter}}{{utm_source_filter}}
