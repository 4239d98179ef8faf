-- How harmful each recurring pair's complaints (rpt_recurring) are: those
-- with a sentiment and those of them negative or positive
-- (classifications sentiment_label), those screened for the flags and those flagged with
-- churn intent or a legal threat.
SELECT pair,
       count(negative) AS with_sentiment, count(*) FILTER (WHERE negative) AS negative,
       count(*) FILTER (WHERE positive) AS positive,
       count(legal_threat) AS screened, count(*) FILTER (WHERE churn_intent) AS churn_intent,
       count(*) FILTER (WHERE legal_threat) AS legal_threat
FROM rpt_recurring
GROUP BY pair
ORDER BY pair
