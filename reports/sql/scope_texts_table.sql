-- The texts the trend stage mines phrases from (its docs.sql: the redacted
-- narrative, else the narrative) of the scope's complaints received in
-- [$1, $2) in the periods of rpt_text_periods (those whose texts are read:
-- see phrasecache.go): here the redacted narratives, fetched by the
-- classification's rowid, so the join carries no text and the table's text
-- is read once. The narratives of unclassified complaints are added by
-- scope_texts_narrative.sql when the scope holds some (a classified
-- complaint with no redacted text has no narrative: see scope.sql).
CREATE OR REPLACE TEMP TABLE rpt_texts AS
SELECT r.complaint_id, r.received_at, k.narrative_redacted AS txt
FROM rpt_complaints r
JOIN classifications k ON k.rowid = r.cls_row
WHERE r.received_at >= $1 AND r.received_at < $2
  AND r.period IN (SELECT period FROM rpt_text_periods)
  AND k.narrative_redacted IS NOT NULL
