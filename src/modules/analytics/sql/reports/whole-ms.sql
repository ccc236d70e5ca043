-- A time ({{column}}) in whole ms since the epoch, truncated as a JavaScript date holds it. In float8
-- (cheaper than numeric): the epoch in µs rounds to the exact integer (< 2⁵³), then whole ms are floored.

floor(round(date_part('epoch', {{column}}) * 1000000) / 1000)
