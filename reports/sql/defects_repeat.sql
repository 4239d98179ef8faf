-- The $1 repeat-complaint customers (rpt_repeaters) with the most
-- complaints, with the topics they complained about.
SELECT c.customer_id AS customer, r.complaints,
       min(c.received_at)::DATE AS first, max(c.received_at)::DATE AS last,
       string_agg(DISTINCT c.topic, ', ' ORDER BY c.topic) AS topics
FROM (SELECT * FROM rpt_repeaters ORDER BY complaints DESC, customer_id LIMIT $1) r
JOIN rpt_complaints c USING (customer_id)
GROUP BY c.customer_id, r.complaints
ORDER BY r.complaints DESC, customer
