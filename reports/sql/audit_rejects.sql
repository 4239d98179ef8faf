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
SELECT run_id AS run, kind AS reason, count(*) AS records, min(record_number) AS first_record
FROM r
GROUP BY run_id, kind
ORDER BY run_id, records DESC, kind
