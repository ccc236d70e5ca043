-- Fragment: page path without query string or fragment: /courses?utm_source=x counts as /courses.

split_part(split_part(page, '?', 1), '#', 1)
