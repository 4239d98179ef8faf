-- Each ingest run's records read and rejected (ingest_runs' counts, kept
-- there by ingest), in run order: the index's figure of the records
-- rejected and its line on a file that rejected a quarter or more. Every
-- run, as the index's count of runs and the audit page's lineage: a
-- run's started_at is when a file was loaded, not when its records were
-- received, and a rejected record's date is often what could not be read.
SELECT file, rows_read, rows_rejected
FROM ingest_runs
ORDER BY run_id
