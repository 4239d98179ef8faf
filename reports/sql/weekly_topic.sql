-- Complaints by period and topic from period $1 to $2 (inclusive).
SELECT period, topic, count(*) AS complaints
FROM rpt_complaints
WHERE period BETWEEN $1 AND $2
GROUP BY period, topic
ORDER BY period, topic
