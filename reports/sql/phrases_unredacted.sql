-- Narratives received in [$1, $2) that classify has not redacted: the
-- trend stage mines phrases from the raw narrative of those, so emerging
-- phrases are shown only when this is 0 (reports show redacted text only).
SELECT count(*)
FROM complaints c
LEFT JOIN classifications k ON k.source = c.source AND k.complaint_id = c.complaint_id
WHERE c.received_at >= $1 AND c.received_at < $2
  AND c.narrative IS NOT NULL AND c.narrative <> ''
  AND k.narrative_redacted IS NULL
