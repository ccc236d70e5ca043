-- The stored milestone gaps, and those computed from the live days' first milestones ({{live_gap_rows}}).

{{stored_gaps}} UNION ALL {{live_gap_rows}}
