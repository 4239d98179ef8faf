-- Ingest lineage: every file loaded, with its reconciliation.
SELECT
    run_id AS run, started_at AS started, file, sha256, profile, target,
    rows_read AS read, rows_loaded AS loaded, rows_updated AS updated,
    rows_duplicate AS duplicate, rows_rejected AS rejected,
    rows_read = rows_loaded + rows_updated + rows_duplicate + rows_rejected AS reconciles,
    -- a file read with nothing to warn of says so: n/a read as unknown
    coalesce(nullif(warnings, ''), 'none') AS warnings
FROM ingest_runs
ORDER BY run_id
