-- The texts of each group of rpt_recur_groups over the defects page's
-- periods (rpt_recur_counts' term '').
SELECT grp, sum(docs)::DOUBLE AS texts
FROM rpt_recur_counts
WHERE term = '' AND grp IN (SELECT grp FROM rpt_recur_groups)
GROUP BY grp
ORDER BY grp
