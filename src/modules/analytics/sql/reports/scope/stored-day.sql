-- A day column ({{column}}) is a rolled-up day, given it is in the range: not one of the range's days
-- up to today that are not rolled up ({{other_days}}, a date[] literal).

{{column}} <> ALL({{other_days}})
