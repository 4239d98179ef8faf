-- This run's replies that answer a complaint (ingest_replies, why null),
-- by their own IDs, with the complaint each answers: a later file's
-- message answering one is in that complaint's thread. An ID the file
-- holds twice is its first reply's; one stored before keeps the complaint
-- it was stored with. Its author is the company the reply sets (Author:
-- Replies.Sets has one), the brand that wrote it: a later file's tweet
-- replying to it addresses that brand (replies_addressed.sql).
INSERT INTO thread_messages (source, message_id, complaint_id, ingest_run_id, author)
SELECT {{.Source}}, k, arg_min(complaint_id, rec), {{.RunID}}, {{if .Author}}arg_min(company, rec){{else}}NULL{{end}}
FROM (SELECT {{intID "own_id"}} AS k, complaint_id, rec{{if .Author}}, company{{end}} FROM ingest_replies WHERE why IS NULL)
WHERE k IS NOT NULL AND k <> ''
  AND NOT EXISTS (SELECT 1 FROM thread_messages t WHERE t.source = {{.Source}} AND t.message_id = k)
GROUP BY k;
