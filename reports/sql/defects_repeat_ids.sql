-- Every complaint of a repeat-complaint customer (see defects_repeat.sql).
WITH gaps AS (
    SELECT source, complaint_id, customer_id, received_at, period,
           received_at - lag(received_at) OVER (PARTITION BY customer_id ORDER BY received_at, source, complaint_id) AS gap
    FROM rpt_complaints
    WHERE customer_id IS NOT NULL
),
repeaters AS (
    SELECT customer_id FROM gaps GROUP BY customer_id HAVING bool_or(gap <= INTERVAL 90 DAY)
)
SELECT customer_id, source, complaint_id, received_at, period
FROM gaps JOIN repeaters USING (customer_id)
ORDER BY customer_id, received_at, source, complaint_id
