-- A live day's temporary table for one aggregate, like the stored one ({{aggregate}}), empty. Its name
-- ({{temp_table}}) is the stored table's: TEMP creates it in pg_temp, and the rollup statements
-- rendered for the live days name it pg_temp. explicitly.

CREATE TEMP TABLE {{temp_table}} ON COMMIT DROP AS SELECT * FROM {{aggregate}} WITH NO DATA
