-- Narratives with their value in one canonical column (the column's name
-- is checked against information_schema, never data; NULL where a
-- complaint has none, counted as unlabelled) and when they were received,
-- in a stable order.
SELECT CAST(%s AS VARCHAR) AS label, narrative, received_at
FROM complaints
WHERE narrative IS NOT NULL AND trim(narrative) <> ''
ORDER BY source, complaint_id
