SELECT month, count(*) AS complaints
FROM rpt_complaints
GROUP BY month
ORDER BY month
