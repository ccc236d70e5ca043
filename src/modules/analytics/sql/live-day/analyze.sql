-- Statistics for the temporary tables made ({{temp_tables}}, qualified), before the report reads them.

ANALYZE {{temp_tables}}
