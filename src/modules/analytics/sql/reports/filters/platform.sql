-- Sessions of one platform ({{platform}}); {{column_prefix}} qualifies the column (or is empty).

 AND {{column_prefix}}platform = {{platform}}
