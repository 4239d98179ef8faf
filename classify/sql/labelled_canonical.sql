-- Narratives with a value in one canonical column (%s: a column name
-- checked against information_schema, never data), in a stable order.
SELECT CAST(%s AS VARCHAR) AS label, narrative
FROM complaints
WHERE %s IS NOT NULL AND narrative IS NOT NULL AND trim(narrative) <> ''
ORDER BY source, complaint_id
