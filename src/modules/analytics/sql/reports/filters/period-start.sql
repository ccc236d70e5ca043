-- The (cut) start of the period ({{granularity}}: day, week or month) containing the date expression
-- {{day_column}}: the same periods as report-range.ts `periods()`. For the whole range as one period
-- (totals) the range's first day ({{range_from}}) stands in its place.

greatest(date_trunc('{{granularity}}', {{day_column}})::date, {{range_from}})
