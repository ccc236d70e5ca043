-- The days of [{{from}}, {{to}}] whose ledger entries are 'done' for every rollup of {{rollups}}
-- ({{rollup_count}} of them): the days a report answers from the stored aggregates.

SELECT to_char(day, 'YYYY-MM-DD') AS day FROM {{analytics_rollup_ledger}}
       WHERE day BETWEEN {{from}} AND {{to}} AND rollup = ANY({{rollups}}) AND status = 'done'
       GROUP BY day HAVING count(*) = {{rollup_count}} ORDER BY day
