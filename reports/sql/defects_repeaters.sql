-- Repeat complaints: each complaint received within 90 days of another of
-- the same customer (DESIGN.md churn signals: two or more within 90
-- days), kept for defects_repeat*.sql. A customer's complaints years apart
-- are not repeats of each other: only the complaints of such a pair count
-- (before, every complaint of a customer who ever had one pair did).
CREATE OR REPLACE TEMP TABLE rpt_repeaters AS
SELECT customer_id, source, complaint_id
FROM (
    SELECT customer_id, source, complaint_id,
           received_at - lag(received_at) OVER w AS before,
           lead(received_at) OVER w - received_at AS after
    FROM rpt_complaints
    WHERE customer_id IS NOT NULL
    WINDOW w AS (PARTITION BY customer_id ORDER BY received_at, source, complaint_id)
)
WHERE before <= INTERVAL 90 DAY OR after <= INTERVAL 90 DAY
