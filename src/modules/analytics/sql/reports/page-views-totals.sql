-- All page views, and the number of pages (or page types).

SELECT sum(views) AS views, count(*) AS pages FROM {{per_page}} g
