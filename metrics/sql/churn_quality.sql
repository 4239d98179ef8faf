-- churn_quality.sql (after churn_base.sql): how well each signal picks out the
-- customers who churned (customers.churned_at before the cutoff), over every
-- customer in the customers table (those without complaints have no signal).
--   precision = flagged and churned / flagged
--   recall    = flagged and churned / churned
--   lift      = precision / (churned / customers)
, pop AS (
    SELECT coalesce(u.churned_at < $cutoff, false) AS churned,
           [coalesce(s.repeat_complaints, false), coalesce(s.reopened_or_disputed, false),
            coalesce(s.falling_sentiment, false), coalesce(s.churn_intent, false),
            coalesce(s.detractor, false), coalesce(s.unresolved_past_sla, false),
            coalesce(s.score > 0, false)] AS flags
    FROM cust u
    LEFT JOIN scored s ON s.customer_id = u.customer_id
),
names AS (
    SELECT ['repeat_complaints', 'reopened_or_disputed', 'falling_sentiment', 'churn_intent',
            'detractor_after_complaint', 'unresolved_past_sla', 'any_signal'] AS names
),
counts AS (
    SELECT i, count_if(flags[i]) AS flagged, count_if(flags[i] AND churned) AS hits,
           count_if(churned) AS churned, count(*) AS population
    FROM pop, range(1, 8) r(i)
    GROUP BY i
)
SELECT names[i] AS signal, flagged AS customers, hits AS churned, churned AS churned_total, population,
       CASE WHEN flagged > 0 THEN hits / flagged END AS precision,
       CASE WHEN churned > 0 THEN hits / churned END AS recall,
       CASE WHEN flagged > 0 AND churned > 0 THEN (hits / flagged) / (churned / population) END AS lift
FROM counts, names
WHERE population > 0
ORDER BY i
