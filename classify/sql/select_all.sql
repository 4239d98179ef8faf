-- Every complaint. No ORDER BY: each complaint is classified on its own, so
-- the order does not change any result, and sorting would make DuckDB
-- materialise all the text before the first row.
SELECT c.source,
       c.complaint_id,
       c.narrative,
       concat_ws('. ', c.product, c.sub_product, c.issue, c.sub_issue) AS context
FROM complaints c
