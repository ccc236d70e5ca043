-- Page views grouped by page type: the first segment of the path.

'/' || split_part(ltrim(page, '/'), '/', 1)
