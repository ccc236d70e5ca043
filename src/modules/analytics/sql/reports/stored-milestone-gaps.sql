-- The stored milestone gaps of the range's rolled-up days ({{milestone_gaps}}).

SELECT milestone, bucket, reached, sum_ms, gaps, counts FROM {{milestone_gaps}} g
