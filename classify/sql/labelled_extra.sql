-- Narratives with a value under one key of extra (the JSON path is a
-- parameter), in a stable order.
SELECT json_extract_string(extra, ?) AS label, narrative
FROM complaints
WHERE json_extract_string(extra, ?) IS NOT NULL AND narrative IS NOT NULL AND trim(narrative) <> ''
ORDER BY source, complaint_id
