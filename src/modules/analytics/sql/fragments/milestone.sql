-- Fragment: milestone (0-100) of a content event, only when custom_data holds a JSON number in range.

(CASE WHEN jsonb_typeof(custom_data -> 'milestone') = 'number' THEN
     CASE WHEN (custom_data -> 'milestone')::numeric BETWEEN 0 AND 100 THEN round((custom_data -> 'milestone')::numeric) END END)::smallint
