-- Fragment: watch time of a content event, at most 10^7 s (an int, so its sums stay bigint), only
-- when custom_data holds a JSON number in range.

(CASE WHEN jsonb_typeof(custom_data -> 'watched_seconds') = 'number' THEN
     CASE WHEN (custom_data -> 'watched_seconds')::numeric BETWEEN 0 AND 10000000 THEN round((custom_data -> 'watched_seconds')::numeric) END END)::int
