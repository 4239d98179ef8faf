-- Complaints by topic and product, periods from $1 up to the one ending
-- at $2, with the number of periods in which each pair occurred (how often
-- it recurs) and its negative complaints (by which the recurring pairs
-- are ranked: run.defects).
SELECT topic, product, count(*) AS complaints, count(DISTINCT period) AS periods, max(period) AS latest,
       count(*) FILTER (WHERE negative) AS negative
FROM rpt_complaints
WHERE received_at >= $1 AND received_at < $2
GROUP BY topic, product
ORDER BY complaints DESC, topic, product
