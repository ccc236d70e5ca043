-- Exact distinct members of chain metric {{metric}} per period and keys, each counted on its first day
-- of the period: stored days from the per-day counts ({{chain_counts}}: a member counts when
-- `day − gap_days` is before the period start), live days from their members and the previous day each
-- was seen ({{live_members_of_metric}}). {{counts_period}}/{{live_period}} are the period starts of c.day/l.day.

SELECT period, keys, sum(members)::bigint AS members FROM (
      SELECT p.period, c.keys, sum(c.members) AS members
      FROM {{chain_counts}} c CROSS JOIN LATERAL (SELECT {{counts_period}} AS period) p
      WHERE c.metric = '{{metric}}' AND {{counts_keys_filter}} AND (c.gap_days IS NULL OR c.day - c.gap_days < p.period)
      GROUP BY 1, 2
      UNION ALL
      SELECT p.period, l.keys, count(*)
      FROM ({{live_members_of_metric}}) l CROSS JOIN LATERAL (SELECT {{live_period}} AS period) p
      WHERE {{live_keys_filter}} AND (l.prev_day IS NULL OR l.prev_day < p.period)
      GROUP BY 1, 2
    ) d GROUP BY 1, 2
