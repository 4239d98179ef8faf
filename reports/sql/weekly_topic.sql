-- Complaints by period and topic, periods from $1 up to the one ending at
-- $2. They are selected by received_at: period is computed for every row
-- it is compared on.
SELECT period, topic, count(*) AS complaints
FROM rpt_complaints
WHERE received_at >= $1 AND received_at < $2
GROUP BY period, topic
ORDER BY period, topic
