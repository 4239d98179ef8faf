-- Complaints by topic and product from period $1 to $2, with the number of
-- periods in which each pair occurred (how often it recurs).
SELECT topic, product, count(*) AS complaints, count(DISTINCT period) AS periods, max(period) AS latest
FROM rpt_complaints
WHERE period BETWEEN $1 AND $2
GROUP BY topic, product
ORDER BY complaints DESC, topic, product
