-- The classify models (classifications.model) of the scope's complaints
-- received in [$1, $2): how many each classified, and the first and last
-- received. The pages merge the models of one topic vocabulary
-- (models.go).
SELECT k.model, count(*) AS complaints, min(r.received_at) AS first_received, max(r.received_at) AS last_received
FROM rpt_complaints r
JOIN classifications k ON k.rowid = r.cls_row
WHERE r.received_at >= $1 AND r.received_at < $2
GROUP BY k.model
ORDER BY k.model
