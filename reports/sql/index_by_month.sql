-- Complaints by month received, every month from the first to the last
-- listed, 0 for a month with none: the chart's axis is a list of months,
-- and a month missing from it would join its neighbours as if none passed
-- between them.
WITH m AS (
    SELECT month, count(*) AS complaints
    FROM rpt_complaints
    GROUP BY month
),
months AS (
    SELECT unnest(generate_series(min(month), max(month), INTERVAL 1 MONTH))::DATE AS month
    FROM m
)
SELECT months.month, coalesce(m.complaints, 0) AS complaints
FROM months
LEFT JOIN m ON m.month = months.month
ORDER BY months.month
