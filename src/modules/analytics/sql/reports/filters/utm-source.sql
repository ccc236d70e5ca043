-- Sessions of one first-touch source ({{utm_source}}); no source is 'Direct'.

 AND coalesce({{column_prefix}}utm_source, 'Direct') = {{utm_source}}
