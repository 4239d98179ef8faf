-- The range of classification rowids (cls_row) of the texts
-- scope_texts_table.sql gathers, with the same selection: NULLs when there
-- are none. (Every selected row counts: the range only needs to hold the
-- texts.)
SELECT min(r.cls_row), max(r.cls_row)
FROM rpt_complaints r
WHERE r.received_at >= $1 AND r.received_at < $2
  AND r.period IN (SELECT period FROM rpt_text_periods)
