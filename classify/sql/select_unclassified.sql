-- Complaints with no current classification, in a stable order.
SELECT c.source,
       c.complaint_id,
       c.narrative,
       concat_ws('. ', c.product, c.sub_product, c.issue, c.sub_issue) AS context
FROM complaints c
WHERE NOT EXISTS (
    SELECT 1 FROM classifications k
    WHERE k.source = c.source AND k.complaint_id = c.complaint_id
)
ORDER BY c.source, c.complaint_id
