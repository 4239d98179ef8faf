-- exports.sql: each ingest run's export date, one CTE (exports:
-- ingest_run_id, exported) that compute.sql, recovery.sql, churn_base.sql
-- and the reports' scope.sql take in at their exports marker
-- (metrics.ExportsSQL), so that every figure knows a closure at the same
-- date. A closure without a time (status closed, no resolved_at: every
-- CFPB complaint, whose export records the state at export time only) is
-- known only as of the export that recorded it, whose date is taken as the
-- latest time any row its ingest run stored (complaints.ingest_run_id)
-- carries: received_at, first_response_at or resolved_at, whichever is
-- latest (greatest() skips NULLs: a row with a receipt alone gives its
-- receipt). The export was made on or after each of them (ingest refuses a
-- time in the future), so this is a lower bound of the export date. Only
-- received_at read a file of updates to older complaints as an export of
-- long ago: a complaint received 03-09 and answered 03-13, closed in a file
-- of that update alone, counted resolved as of 03-10
-- (TestUpdateOnlyExportNoLookAhead). One hash aggregate over four columns,
-- a row per run.
exports AS (
    SELECT ingest_run_id, max(greatest(received_at, first_response_at, resolved_at)) AS exported
    FROM complaints GROUP BY ingest_run_id
)
