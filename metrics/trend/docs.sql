-- Complaint texts received in [?, ?) for the emerging phrases: the
-- redacted narrative classify made, never the narrative itself (no
-- complaint text leaves the warehouse unredacted: an unclassified
-- complaint's narrative printed addresses, names and e-mail addresses as
-- phrases). A complaint with a narrative and no redacted text (not yet
-- classified) is a row with txt NULL, which readDocs counts as left out
-- (Corpus.Unredacted); a blank narrative is no text, as the reports count
-- it (scope_details.sql). Earliest first.
SELECT c.complaint_id, c.source, c.received_at, k.narrative_redacted AS txt
FROM complaints c
LEFT JOIN classifications k ON k.source = c.source AND k.complaint_id = c.complaint_id
WHERE c.received_at >= ? AND c.received_at < ?
  AND (k.narrative_redacted IS NOT NULL OR nullif(c.narrative, '') IS NOT NULL)
ORDER BY c.received_at, c.complaint_id
