-- Every day of the range of one aggregate: its stored rows ({{stored}}) and the rows the live days
-- computed from raw events into its temporary table ({{live}}, in pg_temp).

({{stored}} UNION ALL SELECT * FROM {{live}})
