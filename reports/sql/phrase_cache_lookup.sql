-- For each term of rpt_phrase_terms (the current period's terms that the
-- phrases test), the cached baseline periods of rpt_phrase_hits that use it:
-- how many of their texts do. $1 the period kind (week or month).
SELECT c.term, sum(c.docs)::INTEGER AS docs
FROM phrase_counts c
JOIN rpt_phrase_terms t ON t.term = c.term
WHERE c.period = $1
  AND c.period_start IN (SELECT period_start FROM rpt_phrase_hits)
GROUP BY c.term
