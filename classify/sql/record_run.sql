-- Record a classify run (classify_runs), in the run's transaction, before
-- its commit. Parameters: classified_at, model, all, classified, and the
-- highest ingest_run_id of the complaints when the run began (NULL when
-- there were none).
INSERT INTO classify_runs (classified_at, model, all_complaints, classified, through_ingest_run)
VALUES (CAST(? AS TIMESTAMP), ?, ?, ?, ?)
