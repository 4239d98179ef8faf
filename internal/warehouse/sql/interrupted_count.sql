-- Rows a cut-short commit left behind (see interrupted.go), by table. A
-- complaint, survey, customer, reject or thread message names its ingest
-- run, and a classification its classify run by its stamp; each run's row
-- is written in the same transaction as its rows, so a row whose run is
-- missing was never committed. Classifications stamped before classify
-- runs were recorded (migration 4) have no run row and are kept.
SELECT
    (SELECT count(*) FROM complaints WHERE ingest_run_id NOT IN (SELECT run_id FROM ingest_runs)) AS complaints,
    (SELECT count(*) FROM surveys WHERE ingest_run_id NOT IN (SELECT run_id FROM ingest_runs)) AS surveys,
    (SELECT count(*) FROM customers WHERE ingest_run_id NOT IN (SELECT run_id FROM ingest_runs)) AS customers,
    (SELECT count(*) FROM rejects WHERE run_id NOT IN (SELECT run_id FROM ingest_runs)) AS rejects,
    (SELECT count(*) FROM thread_messages WHERE ingest_run_id NOT IN (SELECT run_id FROM ingest_runs)) AS thread_messages,
    (SELECT count(*) FROM classifications
     WHERE classified_at NOT IN (SELECT classified_at FROM classify_runs)
       AND classified_at >= (SELECT applied_at FROM schema_migrations WHERE version = 4)) AS classifications,
    -- the phrase caches: a table replaced whole (phrase_texts) or a
    -- period's counts replaced (phrase_counts) hold a key twice
    (SELECT count(*) - count(DISTINCT (source, complaint_id)) FROM phrase_texts) AS phrase_texts,
    (SELECT count(*) - count(DISTINCT (period, period_start, term)) FROM phrase_counts) AS phrase_counts
