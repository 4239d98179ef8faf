-- Benchmark classifications: one topic (12) per complaint.
INSERT INTO classifications (source, complaint_id, topic, department, churn_intent, legal_threat, urgent, language, model, classified_at)
SELECT source, complaint_id, 'topic-' || (hash(complaint_id, 't') % 12), 'dept-' || (hash(complaint_id, 't') % 12 % 5),
       false, false, false, 'en', 'bench', TIMESTAMP '2025-01-01'
FROM complaints;
