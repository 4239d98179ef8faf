-- Each complaint's first response: its earliest reply, unless it holds an
-- earlier one.
UPDATE complaints c
SET first_response_at = f.replied_at
FROM (SELECT complaint_id, min(replied_at) AS replied_at FROM ingest_replies WHERE why IS NULL GROUP BY complaint_id) f
WHERE c.source = {{.Source}} AND c.complaint_id = f.complaint_id
  AND (c.first_response_at IS NULL OR f.replied_at < c.first_response_at);
