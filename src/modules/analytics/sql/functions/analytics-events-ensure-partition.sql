-- Canonical definition: one UTC day's partition of `analytics_events`.
--
-- Rule: `analytics_events` is range-partitioned by UTC day on `timestamp`, with a default partition
-- that stays empty in normal operation. `analytics_events_ensure_partition(d)` creates the partition
-- `analytics_events_pYYYYMMDD` of day d if it does not exist and returns whether it did. Events of
-- that day that reached the default partition first are moved into the new partition before it is
-- attached, since PostgreSQL refuses a partition whose rows sit in the default one.
--
-- Why in the database: the check, the move and the attach must happen together, and the same
-- function serves the partitioning migration and the app (rollup/event-partitions.ts,
-- `ensurePartitions`, run by the daily rollup job).
--
-- Installed by: Migration20261125145716_analytics_partitioning (not redefined since). A change here
-- needs a new migration that installs the same text; test/canonical-sql.e2e-spec.ts fails until
-- both agree.

create or replace function analytics_events_ensure_partition(d date) returns boolean
language plpgsql as $$
declare
  part text := 'analytics_events_p' || to_char(d, 'YYYYMMDD');
  lo timestamptz := d::timestamp at time zone 'UTC';
  hi timestamptz := (d + 1)::timestamp at time zone 'UTC';
begin
  if to_regclass(part) is not null then
    return false;
  end if;
  if exists (select 1 from analytics_events_default where "timestamp" >= lo and "timestamp" < hi) then
    execute format('create table %I (like analytics_events including defaults)', part);
    execute format('with moved as (delete from analytics_events_default where "timestamp" >= $1 and "timestamp" < $2 returning *) insert into %I select * from moved', part) using lo, hi;
    execute format('alter table analytics_events attach partition %I for values from (%L) to (%L)', part, lo, hi);
  else
    execute format('create table %I partition of analytics_events for values from (%L) to (%L)', part, lo, hi);
  end if;
  return true;
end $$;
