-- The live days' first-milestone candidates when the report has no live day: no rows, with their columns.

(SELECT NULL::date AS day, NULL::text AS user_id, NULL::text AS milestone, NULL::timestamptz AS first_at WHERE false)
