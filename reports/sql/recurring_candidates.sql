-- The terms of rpt_recur_counts (the defects page's counts by group and
-- period, each group's texts as term '') that a group of rpt_recur_groups
-- may list: used by at least $1 of its complaints over the periods, in at
-- least half the periods in which it has texts. With each, over the
-- periods: the group's texts (n), the other groups' uses of the term
-- (other) and their texts (others_n), for the lift (recurringPhrases).
WITH w AS (
    SELECT grp, term, sum(docs) AS docs, count(*) AS periods
    FROM rpt_recur_counts
    GROUP BY grp, term
),
texts AS (
    SELECT grp, docs AS n, periods AS active FROM w WHERE term = ''
),
total AS (
    SELECT term, sum(docs) AS docs FROM w GROUP BY term
)
SELECT w.grp, w.term, w.docs::INTEGER AS docs, w.periods::INTEGER AS periods, t.n::DOUBLE AS n,
       (total.docs - w.docs)::DOUBLE AS other, ((SELECT sum(n) FROM texts) - t.n)::DOUBLE AS others_n
FROM w
JOIN texts t ON t.grp = w.grp
JOIN total ON total.term = w.term
WHERE w.term <> ''
  AND w.grp IN (SELECT grp FROM rpt_recur_groups)
  AND w.docs >= $1
  AND 2 * w.periods >= t.active
