-- A chain metric's keys (column {{keys}}) are exactly the one key {{key}}.

{{keys}} = ARRAY[{{key}}]
