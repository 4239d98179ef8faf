-- Record a classify run (classify_runs), in the run's transaction, before
-- its commit. Parameters: classified_at, model, all, classified, the
-- highest ingest_run_id of the complaints when the run began (NULL when
-- there were none), and the YAML of a taxonomy read from a file (NULL for
-- the built-in one or a trained model's topics).
INSERT INTO classify_runs (classified_at, model, all_complaints, classified, through_ingest_run, taxonomy)
VALUES (CAST(? AS TIMESTAMP), ?, ?, ?, ?, ?)
