-- Fragment: per milestone (but the first) and gap bucket, the users of {{source}} (rows milestone,
-- first_at, prev_first_at: first milestones) whose first time of it is there: `reached`, their gaps in
-- ms since the milestone before (`sum_ms`, exact), and the distinct gaps (float8, ascending) with how
-- many users have each (`gaps`, `counts`). Bucket 0: users without such a gap.

SELECT milestone, bucket, sum(n)::int AS reached,
    coalesce(sum(total), 0) AS sum_ms,
    coalesce(array_agg(ms ORDER BY ms) FILTER (WHERE bucket > 0), '{}') AS gaps,
    coalesce(array_agg(n ORDER BY ms) FILTER (WHERE bucket > 0), '{}') AS counts
  FROM (SELECT milestone, coalesce(width_bucket(ms::float8, ARRAY[{{gap_bucket_ms}}]::float8[]), 0)::smallint AS bucket,
          ms::float8 AS ms, count(*)::int AS n, sum(ms) AS total
        FROM (SELECT milestone, CASE WHEN prev_first_at <= first_at THEN extract(epoch FROM first_at - prev_first_at) * 1000 END AS ms
              FROM {{source}} s WHERE milestone <> {{first_milestone}}) g
        GROUP BY 1, 2, 3) v
  GROUP BY 1, 2
