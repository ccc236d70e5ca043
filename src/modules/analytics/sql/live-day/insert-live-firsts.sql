-- The first milestones of day {{day}}, from the live day's temporary tables ({{milestone_candidates}}:
-- fragments/milestone-candidates.sql rendered for pg_temp).

INSERT INTO {{report_live_firsts}} SELECT {{day}}::date, c.* FROM ({{milestone_candidates}}) c
