-- Fragment: the events of UTC day {{day}}, so PostgreSQL reads that day's partition and nothing else.

"timestamp" >= {{day}}::date::timestamp AT TIME ZONE 'UTC'
  AND "timestamp" < ({{day}}::date + 1)::timestamp AT TIME ZONE 'UTC'
