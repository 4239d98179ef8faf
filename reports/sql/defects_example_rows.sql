-- The first $2 complaints with a redacted narrative of each of the $1
-- largest topics, in the order of defects_examples.sql, without the text:
-- row is the classification's rowid, for defects_example_texts.sql, and
-- candidates the topic's number of complaints with a redacted narrative.
-- Ranking every narrative with its text costs seconds on a large
-- warehouse; the reports read the text of these few rows only. Whether a
-- complaint has redacted text comes from the scope (rpt_complaints), so
-- this reads no text at all.
WITH topics AS (
    SELECT topic, count(*) AS n FROM rpt_complaints WHERE classified GROUP BY topic
    ORDER BY n DESC, topic LIMIT $1
),
ex AS (
    SELECT c.topic, t.n, c.source, c.complaint_id, c.received_at, c.product, c.cls_row AS row,
           row_number() OVER (PARTITION BY c.topic ORDER BY c.sentiment ASC NULLS LAST, c.received_at DESC, c.source, c.complaint_id) AS k,
           count(*) OVER (PARTITION BY c.topic) AS candidates
    FROM rpt_complaints c
    JOIN topics t USING (topic)
    WHERE c.redacted
    QUALIFY k <= $2
)
SELECT topic, source, complaint_id, received_at::DATE AS received, product, row, candidates
FROM ex
ORDER BY n DESC, topic, k
