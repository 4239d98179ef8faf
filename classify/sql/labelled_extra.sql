-- Narratives with their value under one key of extra (the JSON path is a
-- parameter; NULL where a complaint has none, counted as unlabelled) and
-- when they were received, in a stable order.
SELECT json_extract_string(extra, ?) AS label, narrative, received_at
FROM complaints
WHERE narrative IS NOT NULL AND trim(narrative) <> ''
ORDER BY source, complaint_id
