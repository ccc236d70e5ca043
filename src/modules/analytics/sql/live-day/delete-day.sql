-- Takes day {{day}} out of a live day's temporary table again (a raw day before the range: only its
-- first milestones are kept).

DELETE FROM {{live_aggregate}} WHERE day = {{day}}
