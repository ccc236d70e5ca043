-- One probe: the day ({{day_text}}, as text; {{day}}, a date literal) has raw events. The probes of
-- several days are put together with UNION ALL.

SELECT {{day_text}} AS day WHERE EXISTS (SELECT 1 FROM {{analytics_events}}
        WHERE "timestamp" >= {{day}}::timestamp AT TIME ZONE 'UTC' AND "timestamp" < ({{day}} + 1)::timestamp AT TIME ZONE 'UTC')
