-- The live days' chain members when the report has no live day: no rows, with their columns.

(SELECT NULL::date AS day, NULL::text AS metric, NULL::text[] AS keys, NULL::text AS member, NULL::date AS prev_day WHERE false)
