-- The $1 customers with the most repeat complaints (rpt_repeaters), with
-- the first and last of them and the topics they are about.
SELECT shown_customer(c.customer_id, rpt_pii_kind(c.customer_id)) AS customer, count(*) AS complaints,
       min(c.received_at)::DATE AS first, max(c.received_at)::DATE AS last,
       string_agg(DISTINCT c.topic, ', ' ORDER BY c.topic) AS topics
FROM rpt_repeaters r
JOIN rpt_complaints c USING (customer_id, source, complaint_id)
GROUP BY c.customer_id
ORDER BY complaints DESC, customer
LIMIT $1
