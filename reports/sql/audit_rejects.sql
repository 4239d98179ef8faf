-- Rejected records by run and reason (the raw records stay in the
-- warehouse: they are unredacted source text).
SELECT run_id AS run, reason, count(*) AS records, min(record_number) AS first_record
FROM rejects
GROUP BY run_id, reason
ORDER BY run_id, records DESC, reason
