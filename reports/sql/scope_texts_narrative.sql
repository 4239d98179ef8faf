-- The narratives of the scope's unclassified complaints received in
-- [$1, $2), the rest of the trend stage's texts (see scope_texts_table.sql).
INSERT INTO rpt_texts (source, complaint_id, received_at, txt)
SELECT r.source, r.complaint_id, r.received_at, c.narrative
FROM rpt_complaints r
JOIN complaints c ON c.source = r.source AND c.complaint_id = r.complaint_id
WHERE NOT r.classified
  AND r.received_at >= $1 AND r.received_at < $2
  AND c.narrative IS NOT NULL
