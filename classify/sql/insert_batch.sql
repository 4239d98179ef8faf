-- Replace the classifications of one batch (an Arrow view named
-- classify_batch_N, registered by Run). Parameters: model, classified_at.
INSERT INTO classifications (
    source, complaint_id, topic, topic_confidence, department,
    sentiment, sentiment_label, churn_intent, legal_threat, urgent,
    evidence, language, narrative_redacted, model, classified_at)
SELECT source, complaint_id, topic, topic_confidence, department,
       sentiment, sentiment_label, churn_intent, legal_threat, urgent,
       CAST(evidence AS JSON), language, narrative_redacted, ?, CAST(? AS TIMESTAMP)
FROM %s
