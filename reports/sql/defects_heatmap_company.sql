-- defects_heatmap.sql by company rather than product, for data that names
-- no product (tweets to airlines, say): complaints by topic and company,
-- periods from $1 up to the one ending at $2, with the number of periods
-- in which each pair occurred, and its negative complaints. The scope does not keep the company (it
-- costs every stage memory on large warehouses); it is read here, only
-- when no complaint of the periods has a product.
SELECT s.topic, coalesce(nullif(c.company, ''), 'unknown') AS company,
       count(*) AS complaints, count(DISTINCT s.period) AS periods, max(s.period) AS latest,
       count(*) FILTER (WHERE s.negative) AS negative
FROM rpt_complaints s
JOIN complaints c ON c.source = s.source AND c.complaint_id = s.complaint_id
WHERE s.received_at >= $1 AND s.received_at < $2
GROUP BY ALL
ORDER BY complaints DESC, s.topic, company
