-- The provisional days of [{{from}}, {{to}}] (today so far: the intraday refresh) whose ledger
-- entries are 'provisional' for every rollup of {{rollups}} ({{rollup_count}} of them), each of the
-- version in {{versions}} (the code's), all up to one covers_until: a report that only adds rows up
-- answers them from those aggregates plus the raw events after covers_until. `raw_until` is this
-- transaction's time: the raw tail is read up to it.

SELECT to_char(l.day, 'YYYY-MM-DD') AS day, min(l.covers_until) AS covers_until, now() AS raw_until
       FROM {{analytics_rollup_ledger}} l
       JOIN unnest({{rollups}}::text[], {{versions}}::text[]) AS v(rollup, version) ON v.rollup = l.rollup
       WHERE l.day BETWEEN {{from}} AND {{to}} AND l.status = 'provisional' AND l.version = v.version
       GROUP BY l.day HAVING count(*) = {{rollup_count}} AND min(l.covers_until) = max(l.covers_until)
       ORDER BY l.day
