-- Two ingest runs: the highest one now (the run about to start records it
-- in classify_runs when it commits), and the highest one whose complaints
-- are all classified, from the last classify run's record, or -1 when none
-- is known (no run recorded yet, as in a warehouse classified before
-- classify_runs existed).
--
-- A check guards the record against classifications deleted by other
-- means than ingest (by hand, with DuckDB): each complaint of those runs
-- has a classification, so there must be at least as many classifications
-- as such complaints. Both counts read little: the total from the table's
-- statistics, the other the ingest_run_id column.
WITH r AS (SELECT max(through_ingest_run) AS through FROM classify_runs)
SELECT
    (SELECT max(ingest_run_id) FROM complaints) AS last_run,
    CASE
        WHEN r.through IS NOT NULL
         AND (SELECT count(*) FROM classifications)
             >= (SELECT count(*) FROM complaints WHERE ingest_run_id <= r.through)
        THEN r.through
        ELSE -1
    END AS classified_through
FROM r
