-- The most viewed pages ({{limit}} of them).

SELECT page, views FROM {{per_page}} g ORDER BY views DESC, page LIMIT {{limit}}
