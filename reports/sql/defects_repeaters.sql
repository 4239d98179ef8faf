-- Customers with repeat complaints: two or more within 90 days of each
-- other (DESIGN.md churn signals), kept for defects_repeat*.sql.
CREATE OR REPLACE TEMP TABLE rpt_repeaters AS
SELECT customer_id, count(*) AS complaints
FROM (
    SELECT customer_id,
           received_at - lag(received_at) OVER (PARTITION BY customer_id ORDER BY received_at) AS gap
    FROM rpt_complaints
    WHERE customer_id IS NOT NULL
)
GROUP BY customer_id
HAVING bool_or(gap <= INTERVAL 90 DAY)
