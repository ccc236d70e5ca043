-- A chain metric's first key (column {{keys}}) is {{key}}.

{{keys}}[1] = {{key}}
