-- The complaints run $1 wrote whose resolution is dated before their
-- receipt, with their number: a date read in the wrong order, or a
-- resolution time zone not the receipt's.
SELECT count(*) OVER (), complaint_id
FROM complaints
WHERE ingest_run_id = $1 AND resolved_at < received_at
ORDER BY complaint_id
