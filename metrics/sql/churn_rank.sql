-- churn_rank.sql (after churn_base.sql): customers with any signal, riskiest first.
SELECT customer_id, score, complaints, strftime(last_complaint, '%Y-%m-%d') AS last_complaint,
       CASE WHEN churned_at < $cutoff THEN strftime(churned_at, '%Y-%m-%d') END AS churned_at,
       repeat_ids, reopened_ids, falling_ids, intent_ids, detractor_ids, unresolved_ids
FROM scored
WHERE score > 0
ORDER BY score DESC, complaints DESC, customer_id
