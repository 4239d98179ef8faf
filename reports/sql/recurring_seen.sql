-- The periods in which each phrase of rpt_recur_terms was seen: those of
-- rpt_recur_counts that count it for its group.
SELECT DISTINCT c.grp, c.term, c.period_start
FROM rpt_recur_counts c
JOIN rpt_recur_terms p ON p.grp = c.grp AND p.term = c.term
ORDER BY 1, 2, 3
