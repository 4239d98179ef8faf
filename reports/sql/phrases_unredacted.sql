-- Narratives received in [$1, $2) that classify has not redacted: the
-- trend stage mines phrases from the raw narrative of those, so emerging
-- phrases are shown only when this is 0 (reports show redacted text only).
-- From the scope (rpt_complaints: $2 is its cutoff), which noted whether
-- each complaint has a narrative and a redacted one, so no text is read.
SELECT count(*)
FROM rpt_complaints
WHERE received_at >= $1 AND received_at < $2
  AND has_details AND NOT redacted
