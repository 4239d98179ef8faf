-- Remove what a cut-short commit left behind (interrupted_count.sql says
-- which rows): the rows of runs that never committed, and the phrase
-- caches whole when they hold a key twice (the next report rebuilds them).
DELETE FROM complaints WHERE ingest_run_id NOT IN (SELECT run_id FROM ingest_runs);
DELETE FROM surveys WHERE ingest_run_id NOT IN (SELECT run_id FROM ingest_runs);
DELETE FROM customers WHERE ingest_run_id NOT IN (SELECT run_id FROM ingest_runs);
DELETE FROM rejects WHERE run_id NOT IN (SELECT run_id FROM ingest_runs);
DELETE FROM thread_messages WHERE ingest_run_id NOT IN (SELECT run_id FROM ingest_runs);
DELETE FROM classifications
WHERE classified_at NOT IN (SELECT classified_at FROM classify_runs)
  AND classified_at >= (SELECT applied_at FROM schema_migrations WHERE version = 4);
DELETE FROM phrase_texts
WHERE (SELECT count(*) - count(DISTINCT (source, complaint_id)) FROM phrase_texts) > 0;
DELETE FROM phrase_counts
WHERE (SELECT count(*) - count(DISTINCT (period, period_start, term)) FROM phrase_counts) > 0;
-- a period's row says its counts are cached: none are, once emptied
DELETE FROM phrase_periods WHERE NOT EXISTS (SELECT 1 FROM phrase_counts);
