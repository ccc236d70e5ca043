-- The raw events' partitions (their names hold their day).

SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'analytics_events'::regclass
