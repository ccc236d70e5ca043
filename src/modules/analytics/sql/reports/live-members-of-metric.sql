-- The live days' members of chain metric {{metric}} ({{live_members}}: their temporary table, or no rows).

SELECT day, keys, member, prev_day FROM {{live_members}} lm WHERE metric = '{{metric}}'
