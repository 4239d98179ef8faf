-- Customers with repeat complaints: two or more within 90 days of each
-- other (DESIGN.md churn signals). The $1 with most complaints are listed.
WITH gaps AS (
    SELECT customer_id, received_at, topic,
           received_at - lag(received_at) OVER (PARTITION BY customer_id ORDER BY received_at, source, complaint_id) AS gap
    FROM rpt_complaints
    WHERE customer_id IS NOT NULL
),
repeaters AS (
    SELECT customer_id FROM gaps GROUP BY customer_id HAVING bool_or(gap <= INTERVAL 90 DAY)
)
SELECT g.customer_id AS customer, count(*) AS complaints,
       min(g.received_at)::DATE AS first, max(g.received_at)::DATE AS last,
       string_agg(DISTINCT g.topic, ', ' ORDER BY g.topic) AS topics
FROM gaps g
JOIN repeaters USING (customer_id)
GROUP BY g.customer_id
ORDER BY complaints DESC, customer
LIMIT $1
