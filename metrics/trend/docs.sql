-- Complaint texts received in [?, ?): the redacted narrative when classify
-- has made one, else the narrative; earliest first.
SELECT c.complaint_id, c.source, c.received_at, coalesce(k.narrative_redacted, c.narrative) AS txt
FROM complaints c
LEFT JOIN classifications k ON k.source = c.source AND k.complaint_id = c.complaint_id
WHERE c.received_at >= ? AND c.received_at < ?
  AND coalesce(k.narrative_redacted, c.narrative) IS NOT NULL
ORDER BY c.received_at, c.complaint_id
