-- Rejected records by run and kind of reason, from rpt_rejects
-- (audit_rejects_view.sql: the values quoted are masked). A reason names
-- its record ("record 12, field inbound = False is not kept by the
-- mapping"): grouped as they are, every rejected record was a row of its
-- own (2,222 rows for the support tweets' replies). The kind is the reason
-- without its record; the CSV lists every record with its reason.
WITH r AS (
    SELECT run_id, record_number, regexp_replace(reason, '^record [0-9]+[,:] ', '') AS kind
    FROM rpt_rejects
)
-- The file of each run is named beside it, as the files' table names it:
-- a run number alone sent the reader to that table (a QA pass).
SELECT r.run_id AS run, any_value(i.file) AS file, kind AS reason, count(*) AS records, min(record_number) AS "first record number"
FROM r
LEFT JOIN ingest_runs i ON i.run_id = r.run_id
GROUP BY r.run_id, kind
ORDER BY r.run_id, records DESC, kind
