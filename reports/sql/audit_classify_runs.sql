-- Classification lineage: every classify run classify_runs records (one
-- that classified something, ran with --all, or covered a later ingest
-- run), with the model that did it and the last ingest run whose
-- complaints it covered.
SELECT
    classified_at AS classified,
    model,
    CASE WHEN all_complaints THEN 'every complaint' ELSE 'unclassified complaints' END AS complaints,
    classified AS "classified rows",
    through_ingest_run AS "through run"
FROM classify_runs
ORDER BY classified_at, through_ingest_run
