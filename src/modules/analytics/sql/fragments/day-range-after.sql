-- Fragment: the events of UTC day {{day}} after {{after}} (excluded), a timestamptz literal: the
-- raw tail of a provisional day, the events its aggregates do not count yet (see
-- reports/live-days.ts). Both day bounds stay, so PostgreSQL reads that day's partition only.

"timestamp" >= {{day}}::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ({{day}}::date + 1)::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" > {{after}}
