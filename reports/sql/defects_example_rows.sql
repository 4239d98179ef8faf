-- The first $2 complaints with a redacted narrative of each of the $1
-- largest topics, received from $3, in the order of defects_examples.sql, without the text:
-- row is the classification's rowid, for defects_example_texts.sql, and
-- candidates the topic's number of complaints with a redacted narrative.
-- Ranking every narrative with its text costs seconds on a large
-- warehouse; the reports read the text of these few rows only. Whether a
-- complaint has redacted text comes from the scope (rpt_complaints), so
-- this reads no text at all. min_by keeps the first $2 of each topic by
-- the examples' order (a struct compares field by field: sentiment
-- ascending with nulls last, received_at descending, then the ID) without
-- sorting every candidate.
WITH topics AS (
    SELECT topic, count(*) AS n FROM rpt_complaints WHERE classified AND received_at >= $3 GROUP BY topic
    ORDER BY n DESC, topic LIMIT $1
),
firsts AS (
    SELECT c.topic, count(*) AS candidates,
           min_by({'source': c.source, 'complaint_id': c.complaint_id, 'received_at': c.received_at, 'product': c.product, 'row': c.cls_row},
                  {'no_sentiment': c.sentiment IS NULL, 'sentiment': coalesce(c.sentiment, 0), 'newest': -epoch_us(c.received_at),
                   'source': c.source, 'complaint_id': c.complaint_id}, $2) AS ex
    FROM rpt_complaints c
    JOIN topics t USING (topic)
    WHERE c.redacted AND c.received_at >= $3
    GROUP BY c.topic
),
ex AS (
    SELECT topic, candidates, unnest(ex) AS e, generate_subscripts(ex, 1) AS k FROM firsts
)
SELECT ex.topic, e.source, e.complaint_id, e.received_at::DATE AS received, e.product, e.row, candidates
FROM ex
JOIN topics t USING (topic)
ORDER BY t.n DESC, ex.topic, k
