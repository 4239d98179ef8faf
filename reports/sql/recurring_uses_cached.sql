-- The cached complaints (phrase_group_uses) of the phrases of
-- rpt_recur_terms in the periods of rpt_recur_hits, whose cached counts
-- are those of their texts now (see recurCounts). $1 the period kind.
SELECT u.period_start, u.grp, u.term, u.source, u.complaint_id, u.surface
FROM phrase_group_uses u
JOIN (SELECT DISTINCT grp, term FROM rpt_recur_terms) p ON p.grp = u.grp AND p.term = u.term
WHERE u.period = $1
  AND u.period_start IN (SELECT period FROM rpt_recur_hits)
