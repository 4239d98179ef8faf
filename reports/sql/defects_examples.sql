-- Up to $2 redacted narratives for each of the $1 largest topics but $4
-- (other) of the complaints received from $3 (the first period the page
-- shows) to the report date, the most negative first (then the newest), one of each
-- sentiment score and each text once:
-- the complaints a product team should read. Only classify's redacted text
-- is ever shown.
WITH topics AS (
    SELECT topic, count(*) AS n FROM rpt_complaints WHERE classified AND received_at >= $3 AND topic <> $4 GROUP BY topic
    ORDER BY n DESC, topic LIMIT $1
),
-- one complaint per topic and sentiment score, its newest, as
-- defects_example_rows.sql picks them (a text sent again scores the same)
scores AS (
    SELECT c.topic, c.source, c.complaint_id, c.received_at, c.product, c.sentiment
    FROM rpt_complaints c
    JOIN topics t USING (topic)
    WHERE c.redacted AND c.received_at >= $3
    QUALIFY row_number() OVER (PARTITION BY c.topic, c.sentiment ORDER BY c.received_at DESC, c.source, c.complaint_id) = 1
),
-- each text once per topic, its first in that order: a review posted
-- twice took two of a topic's three places (a QA pass)
texts AS (
    SELECT s.*, cl.narrative_redacted
    FROM scores s
    JOIN classifications cl ON cl.source = s.source AND cl.complaint_id = s.complaint_id
    WHERE nullif(trim(cl.narrative_redacted), '') IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY s.topic, cl.narrative_redacted
                               ORDER BY s.sentiment ASC NULLS LAST, s.received_at DESC, s.source, s.complaint_id) = 1
),
ex AS (
    SELECT *, row_number() OVER (PARTITION BY topic ORDER BY sentiment ASC NULLS LAST, received_at DESC, source, complaint_id) AS k
    FROM texts
)
SELECT ex.topic, source, complaint_id, received_at::DATE AS received, product, narrative_redacted
FROM ex JOIN topics t USING (topic)
WHERE k <= $2
ORDER BY t.n DESC, ex.topic, k
