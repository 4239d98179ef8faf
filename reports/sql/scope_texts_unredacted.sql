-- The narratives of the scope's unclassified complaints received in
-- [$1, $2): not redacted yet, so left out of the trend stage's texts and
-- counted (trend.Corpus.AddUnredacted; the emerging phrases are then
-- withheld, as trend.Detect withholds them). A blank narrative is no text.
SELECT count(*)
FROM rpt_complaints r
JOIN complaints c ON c.source = r.source AND c.complaint_id = r.complaint_id
WHERE NOT r.classified
  AND r.received_at >= $1 AND r.received_at < $2
  AND nullif(c.narrative, '') IS NOT NULL
