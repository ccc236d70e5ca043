-- Fragment: the events of UTC day {{day}} up to {{until}} (included), a timestamptz literal: today
-- so far, as an intraday refresh rolls it up (see AnalyticsRollupLedger.refreshDay). Both day
-- bounds stay, so PostgreSQL still reads that day's partition and nothing else.

"timestamp" >= {{day}}::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ({{day}}::date + 1)::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" <= {{until}}
