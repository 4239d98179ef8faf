-- The first $2 complaints with a redacted narrative of each of the $1
-- largest topics but $4 (other: no topic's phrases, which names no
-- defect), received from $3, in the order of defects_examples.sql, without the text:
-- row is the classification's rowid, for defects_example_texts.sql, and
-- candidates the topic's number of sentiment scores of complaints with a
-- redacted narrative (one complaint each: scores below).
-- Ranking every narrative with its text costs seconds on a large
-- warehouse; the reports read the text of these few rows only. Whether a
-- complaint has redacted text comes from the scope (rpt_complaints), so
-- this reads no text at all. min_by keeps the first $2 of each topic by
-- the examples' order (a struct compares field by field: sentiment
-- ascending with nulls last, received_at descending, then the ID) without
-- sorting every candidate.
WITH topics AS (
    SELECT topic, count(*) AS n FROM rpt_complaints WHERE classified AND received_at >= $3 AND topic <> $4 GROUP BY topic
    ORDER BY n DESC, topic LIMIT $1
),
-- one complaint per topic and sentiment score, its newest: a text sent
-- again (a review posted twice, a resampled benchmark row) scores the
-- same, and took several of a topic's places, or all of its first $2, so
-- that every narrative was read (4 s on 1M); two texts of one score show
-- one. The complaints without a sentiment (not in English) are one group.
scores AS (
    SELECT c.topic, c.sentiment,
           arg_min({'source': c.source, 'complaint_id': c.complaint_id, 'received_at': c.received_at, 'product': c.product, 'row': c.cls_row},
                   {'newest': -epoch_us(c.received_at), 'source': c.source, 'complaint_id': c.complaint_id}) AS e
    FROM rpt_complaints c
    JOIN topics t USING (topic)
    WHERE c.redacted AND c.received_at >= $3
    GROUP BY c.topic, c.sentiment
),
firsts AS (
    SELECT topic, count(*) AS candidates,
           min_by(e, {'no_sentiment': sentiment IS NULL, 'sentiment': coalesce(sentiment, 0), 'newest': -epoch_us(e.received_at),
                      'source': e.source, 'complaint_id': e.complaint_id}, $2) AS ex
    FROM scores
    GROUP BY topic
),
ex AS (
    SELECT topic, candidates, unnest(ex) AS e, generate_subscripts(ex, 1) AS k FROM firsts
)
SELECT ex.topic, e.source, e.complaint_id, e.received_at::DATE AS received, e.product, e.row, candidates
FROM ex
JOIN topics t USING (topic)
ORDER BY t.n DESC, ex.topic, k
