-- The first day anything is known of: in the ledger, or raw events in the default partition.

SELECT to_char(min(day), 'YYYY-MM-DD') AS first FROM (
         SELECT min(day) AS day FROM {{analytics_rollup_ledger}}
         UNION ALL SELECT min(("timestamp" AT TIME ZONE 'UTC')::date) FROM {{analytics_events_default}}) d
