-- Days of [{{from}}, {{until}}) with raw events in the default partition (stray events, outside
-- every day's partition).

SELECT DISTINCT to_char("timestamp" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM {{analytics_events_default}}
       WHERE "timestamp" >= {{from}}::date::timestamp AT TIME ZONE 'UTC' AND "timestamp" < {{until}}::date::timestamp AT TIME ZONE 'UTC'
