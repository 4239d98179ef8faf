-- The record numbers of run $1's rejects, in order (rawRecords).
SELECT record_number FROM rejects WHERE run_id = $1 ORDER BY record_number
