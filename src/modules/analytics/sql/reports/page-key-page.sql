-- Page views grouped by page.

page
