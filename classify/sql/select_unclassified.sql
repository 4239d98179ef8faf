-- Complaints with no current classification. No ORDER BY: each complaint is
-- classified on its own, so the order does not change any result, and
-- sorting would make DuckDB materialise all the text before the first row.
SELECT c.source,
       c.complaint_id,
       c.narrative,
       concat_ws('. ', c.product, c.sub_product, c.issue, c.sub_issue) AS context
FROM complaints c
WHERE NOT EXISTS (
    SELECT 1 FROM classifications k
    WHERE k.source = c.source AND k.complaint_id = c.complaint_id
)
