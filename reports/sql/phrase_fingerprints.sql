-- The fingerprint of each period's phrase texts (those scope_texts_table.sql
-- gathers: the redacted narratives of the scope's complaints) received in
-- [$1, $2), read without the text: their number and the sum of a hash of
-- each one's complaint key and classification stamp. Classify writes a new
-- classified_at whenever it writes a complaint's redacted text again, and
-- ingest drops the classification of a complaint whose content changes
-- (see scope.sql), so a text added, changed or removed changes the sum.
SELECT r.period,
       count(*)::VARCHAR || ':' || sum(hash(r.source, r.complaint_id, k.classified_at, k.model))::VARCHAR AS fingerprint
FROM rpt_complaints r
JOIN classifications k ON k.rowid = r.cls_row
WHERE r.received_at >= $1 AND r.received_at < $2
  AND r.redacted
GROUP BY r.period
ORDER BY r.period
