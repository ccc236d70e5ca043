-- The predicate that holds for every row: a filter that is not set, every day rolled up.

true
