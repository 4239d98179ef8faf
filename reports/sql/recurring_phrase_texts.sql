-- The texts that may use a recurring phrase of rpt_recur_want in a period
-- whose complaints of it the cache lacks (its group, period and a word
-- every text using it holds: see recurringPattern), of the complaints
-- received in [$1, $2): the complaints of the listed phrases are found
-- among these in Go (trend.TermUses), which alone says whether a text uses
-- a phrase. GROUP and JOIN as in recurring_texts.sql. A pattern holds
-- letters, digits and apostrophes only (trend.Tokens), no wildcard.
SELECT c.source, c.complaint_id, c.period, {{GROUP}} AS grp, k.narrative_redacted AS txt
FROM rpt_complaints c {{JOIN}}
JOIN classifications k ON k.rowid = c.cls_row
WHERE c.received_at >= $1 AND c.received_at < $2
  AND c.redacted
  AND c.period IN (SELECT period FROM rpt_recur_want)
  AND k.narrative_redacted IS NOT NULL
  AND EXISTS (SELECT 1 FROM rpt_recur_want p
              WHERE p.period = c.period AND p.grp = {{GROUP}}
                AND k.narrative_redacted ILIKE '%' || p.pattern || '%')
