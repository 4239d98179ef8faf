-- rpt_recur_counts, the defects page's counts by group of its periods
-- (see recurCounts), begun with the cached counts (phrase_group_counts) of
-- the periods of rpt_recur_hits: those whose stored fingerprint, term
-- rules and group kind are those of their texts now. $1 the period kind.
CREATE OR REPLACE TEMP TABLE rpt_recur_counts AS
SELECT c.period_start, c.grp, c.term, c.docs
FROM phrase_group_counts c
WHERE c.period = $1
  AND c.period_start IN (SELECT period FROM rpt_recur_hits)
