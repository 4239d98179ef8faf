-- churn_rank.sql (after churn_base.sql): the $limit riskiest customers with
-- any signal, each signal's complaint IDs joined with spaces, and on every
-- row how many customers have any signal (the window counts before the
-- limit).
, top AS (
    SELECT *, count(*) OVER () AS with_signal FROM scored WHERE score > 0
    ORDER BY score DESC, complaints DESC, customer_id
    LIMIT $limit
),
ids AS (
    SELECT x.customer_id,
           string_agg(x.complaint_id, ' ' ORDER BY x.received_at, x.complaint_id) FILTER (WHERE x.repeat_complaint) AS repeat_ids,
           string_agg(x.complaint_id, ' ' ORDER BY x.received_at, x.complaint_id) FILTER (WHERE x.reopened_or_disputed) AS reopened_ids,
           string_agg(x.complaint_id, ' ' ORDER BY x.received_at, x.complaint_id) FILTER (WHERE x.sentiment IS NOT NULL) AS sentiment_ids,
           string_agg(x.complaint_id, ' ' ORDER BY x.received_at, x.complaint_id) FILTER (WHERE x.churn_intent) AS intent_ids,
           string_agg(x.complaint_id, ' ' ORDER BY x.received_at, x.complaint_id) FILTER (WHERE x.unresolved_past_sla) AS unresolved_ids
    FROM c2 x SEMI JOIN top t ON t.customer_id = x.customer_id
    GROUP BY x.customer_id
),
detr_ids AS (
    SELECT d.customer_id, string_agg(DISTINCT d.complaint_id, ' ' ORDER BY d.complaint_id) AS ids
    FROM detr d SEMI JOIN top t ON t.customer_id = d.customer_id
    GROUP BY d.customer_id
)
SELECT t.customer_id, t.score, t.complaints, strftime(t.last_complaint, '%Y-%m-%d') AS last_complaint,
       CASE WHEN t.churned_at < $cutoff THEN strftime(t.churned_at, '%Y-%m-%d') END AS churned_at,
       i.repeat_ids, i.reopened_ids, CASE WHEN t.falling_sentiment THEN i.sentiment_ids END,
       i.intent_ids, d.ids, i.unresolved_ids, t.with_signal
FROM top t
LEFT JOIN ids i ON i.customer_id = t.customer_id
LEFT JOIN detr_ids d ON d.customer_id = t.customer_id
ORDER BY t.score DESC, t.complaints DESC, t.customer_id
