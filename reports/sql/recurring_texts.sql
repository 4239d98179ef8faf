-- The texts the defects page's recurring phrases are counted from: the
-- redacted narratives (as scope_texts_table.sql reads them; an
-- unclassified complaint's narrative is never read) of the scope's
-- complaints received in [$1, $2) in the periods of rpt_recur_periods,
-- each with its period and group. GROUP and JOIN are the group as
-- defects_heatmap.sql or defects_heatmap_company.sql names it (see
-- defects_recurring.sql). In period order: they are counted a period at a
-- time.
SELECT c.period, {{GROUP}} AS grp, k.narrative_redacted AS txt
FROM rpt_complaints c {{JOIN}}
JOIN classifications k ON k.rowid = c.cls_row
WHERE c.received_at >= $1 AND c.received_at < $2
  AND c.redacted
  AND c.period IN (SELECT period FROM rpt_recur_periods)
  AND k.narrative_redacted IS NOT NULL
ORDER BY c.period
