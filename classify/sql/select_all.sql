-- Every complaint, in a stable order.
SELECT c.source,
       c.complaint_id,
       c.narrative,
       concat_ws('. ', c.product, c.sub_product, c.issue, c.sub_issue) AS context
FROM complaints c
ORDER BY c.source, c.complaint_id
