-- synth.sql: synthetic warehouse rows for property tests and benchmarks, made
-- with range() and hash() so the same parameters always give the same rows.
-- $n complaints over two years from 2023-01-02 (ingest runs 1-8, one a
-- quarter), $m survey responses, $k customers.
INSERT INTO customers (customer_id, segment, since, churned_at, ingest_run_id, row_hash)
SELECT 'u' || i, ['consumer', 'business'][1 + CAST(hash(i, 30) % 2 AS BIGINT)], TIMESTAMP '2020-01-01',
       CASE WHEN hash(i, 31) % 10 = 0 THEN TIMESTAMP '2023-03-01' + to_seconds(CAST(hash(i, 32) % (640 * 86400) AS BIGINT)) END,
       0, hash(i)
FROM range($k) t(i);

INSERT INTO complaints (complaint_id, source, received_at, channel, customer_id, product, issue, company,
                        region, status, first_response_at, resolved_at, reopened_count, timely, disputed,
                        compensation_amount, department, ingest_run_id, row_hash)
SELECT 'c' || i, src, received_at, channel, customer_id, product, issue, company, region,
       CASE WHEN open THEN 'open' ELSE 'closed' END,
       CASE WHEN hash(i, 9) % 10 > 0 THEN received_at + to_seconds(CAST(hash(i, 10) % (6 * 86400) AS BIGINT)) END,
       CASE WHEN NOT open AND hash(i, 11) % 50 > 0 THEN received_at + to_seconds(CAST(hash(i, 12) % (70 * 86400) AS BIGINT)) END,
       CASE WHEN src = 'synthetic-a' THEN CAST(hash(i, 13) % 10 = 0 AS INTEGER) END,
       CASE WHEN src = 'synthetic-b' THEN hash(i, 14) % 50 > 0 END,
       CASE WHEN src = 'synthetic-b' THEN hash(i, 15) % 12 = 0 END,
       CASE WHEN hash(i, 16) % 25 = 0 THEN CAST(hash(i, 17) % 20000 AS DOUBLE) / 100 END,
       'dept ' || hash(i, 18) % 6,
       -- one ingest run (export) per quarter received: a closure without a
       -- time is known from the latest time the quarter's rows carry
       -- (exports.sql; a resolution up to 70 days after the quarter's end)
       (year(received_at) - 2023) * 4 + quarter(received_at), hash(i)
FROM (
    SELECT i, CASE WHEN i % 3 = 0 THEN 'synthetic-a' ELSE 'synthetic-b' END AS src,
           TIMESTAMP '2023-01-02' + to_seconds(CAST(hash(i, 1) % (730 * 86400) AS BIGINT)) AS received_at,
           ['phone', 'email', 'web', 'chat'][1 + CAST(hash(i, 2) % 4 AS BIGINT)] AS channel,
           CASE WHEN hash(i, 3) % 20 > 0 THEN 'u' || hash(i, 4) % $k END AS customer_id,
           'product ' || hash(i, 5) % 20 AS product, 'issue ' || hash(i, 6) % 60 AS issue,
           'company ' || hash(i, 7) % 100 AS company, 'region ' || hash(i, 8) % 50 AS region,
           hash(i, 19) % 25 = 0 AS open
    FROM range($n) t(i)
);

INSERT INTO classifications (source, complaint_id, topic, topic_confidence, department, sentiment, sentiment_label,
                             churn_intent, legal_threat, urgent, language, model, classified_at)
SELECT source, complaint_id, 'topic ' || hash(complaint_id, 20) % 12, 0.9, NULL, s,
       CASE WHEN s < -0.05 THEN 'negative' WHEN s > 0.05 THEN 'positive' ELSE 'neutral' END,
       hash(complaint_id, 21) % 40 = 0, false, false, ['en', 'en', 'en', 'es'][1 + CAST(hash(complaint_id, 22) % 4 AS BIGINT)],
       'synthetic', TIMESTAMP '2025-01-01'
FROM (SELECT source, complaint_id, CAST(hash(complaint_id, 23) % 2001 AS DOUBLE) / 1000 - 1 AS s
      FROM complaints WHERE hash(complaint_id, 24) % 10 > 0);

INSERT INTO surveys (response_id, source, customer_id, complaint_id, responded_at, csat, nps, ces, ingest_run_id, row_hash)
SELECT 'r' || i, 'synthetic-survey', 'u' || hash(i, 40) % $k,
       CASE WHEN hash(i, 41) % 2 = 0 THEN 'c' || hash(i, 42) % $n END,
       TIMESTAMP '2023-01-02' + to_seconds(CAST(hash(i, 43) % (740 * 86400) AS BIGINT)),
       CASE WHEN hash(i, 44) % 10 > 0 THEN [1, 2, 3, 4, 4, 5, 5, 5][1 + CAST(hash(i, 45) % 8 AS BIGINT)] END,
       CASE WHEN hash(i, 46) % 10 > 1 THEN [0, 2, 5, 6, 7, 8, 9, 9, 10, 10][1 + CAST(hash(i, 47) % 10 AS BIGINT)] END,
       CASE WHEN hash(i, 48) % 3 = 0 THEN 1 + hash(i, 49) % 7 END,
       0, hash(i)
FROM range($m) t(i);
