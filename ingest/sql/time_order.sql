-- The complaints run $1 wrote whose times are out of an order (the
-- condition, one of timeOrders' in ingest.go), with their number: a date
-- read in the wrong order, or a time of another time zone than the
-- receipt's.
SELECT count(*) OVER (), complaint_id
FROM complaints
WHERE ingest_run_id = $1 AND ({{.}})
ORDER BY complaint_id
