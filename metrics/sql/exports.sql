-- exports.sql: each ingest run's export date, one CTE (exports:
-- ingest_run_id, exported) that compute.sql, recovery.sql, churn_base.sql
-- and the reports' scope.sql take in at their exports marker
-- (metrics.ExportsSQL), so that every figure knows a closure at the same
-- date. A closure without a time (status closed, no resolved_at: every
-- CFPB complaint, whose export records the state at export time only) is
-- known only as of the export that recorded it, whose date is taken as the
-- latest received_at among the complaints its ingest run stored
-- (complaints.ingest_run_id; a lower bound of the export date). One hash
-- aggregate over two columns, a row per run.
exports AS (
    SELECT ingest_run_id, max(received_at) AS exported FROM complaints GROUP BY ingest_run_id
)
