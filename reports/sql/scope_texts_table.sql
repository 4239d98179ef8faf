-- The texts the trend stage mines phrases from (its docs.sql: the redacted
-- narratives only) of the scope's complaints received in
-- [$1, $2) in the periods of rpt_text_periods (those whose texts are read:
-- see phrasecache.go): here the redacted narratives, with each one's
-- classification stamp, for phrase_texts. The narratives of unclassified
-- complaints are not redacted, so not read: scope_texts_unredacted.sql
-- counts them when the scope holds some (a classified complaint with no
-- redacted text has no narrative: see scope.sql).
--
-- A text phrase_texts holds with the same stamp is taken from there; the
-- rest are fetched by the classification's rowid, so the join carries no
-- text and the table's text is read once. DuckDB prunes that scan to the
-- row groups between the least and greatest rowid fetched: after a weekly
-- run, the new complaints' at the table's end, where the cached texts
-- were spread over all of it.
CREATE OR REPLACE TEMP TABLE rpt_texts AS
WITH stamped AS MATERIALIZED (
    SELECT r.source, r.complaint_id, r.received_at, r.cls_row, k.classified_at, k.model
    FROM rpt_complaints r
    JOIN classifications k ON k.rowid = r.cls_row
    WHERE r.received_at >= $1 AND r.received_at < $2
      AND r.period IN (SELECT period FROM rpt_text_periods)
      AND r.redacted -- has redacted text (see scope.sql): the rows without
                     -- any would widen the range of rowids fetched
),
cached AS MATERIALIZED (
    SELECT s.source, s.complaint_id, s.received_at, s.cls_row, s.classified_at, s.model, t.txt
    FROM stamped s
    JOIN phrase_texts t ON t.source = s.source AND t.complaint_id = s.complaint_id
                       AND t.classified_at = s.classified_at AND t.model = s.model
)
SELECT source, complaint_id, received_at, classified_at, model, txt
FROM cached
UNION ALL
SELECT s.source, s.complaint_id, s.received_at, s.classified_at, s.model, k.narrative_redacted AS txt
FROM (SELECT * FROM stamped WHERE cls_row NOT IN (SELECT cls_row FROM cached)) s
JOIN classifications k ON k.rowid = s.cls_row
WHERE k.narrative_redacted IS NOT NULL
