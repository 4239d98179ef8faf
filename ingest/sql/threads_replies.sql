-- This run's replies that answer a complaint (ingest_replies, why null),
-- by their own IDs, with the complaint each answers: a later file's
-- message answering one is in that complaint's thread. An ID the file
-- holds twice is its first reply's; one stored before keeps the complaint
-- it was stored with.
INSERT INTO thread_messages (source, message_id, complaint_id, ingest_run_id)
SELECT {{.Source}}, k, arg_min(complaint_id, rec), {{.RunID}}
FROM (SELECT {{intID "own_id"}} AS k, complaint_id, rec FROM ingest_replies WHERE why IS NULL)
WHERE k IS NOT NULL AND k <> ''
  AND NOT EXISTS (SELECT 1 FROM thread_messages t WHERE t.source = {{.Source}} AND t.message_id = k)
GROUP BY k;
