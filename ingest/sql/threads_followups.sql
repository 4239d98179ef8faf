-- This run's follow-ups (ingest_followups) with the complaints they joined:
-- a later file's message answering one is in that complaint's thread. An
-- ID the file holds twice is its first record's; one stored before keeps
-- the complaint it was stored with (so a follow-up an earlier run read,
-- dup, is not stored again). A follow-up has no author: a customer's
-- message addresses no brand (replies_addressed.sql).
INSERT INTO thread_messages (source, message_id, complaint_id, ingest_run_id)
SELECT s.source, f.k, arg_min(f.root_id, f.r), {{.RunID}}
FROM ingest_followups f
JOIN ingest_stage s ON s.rowid = f.r
WHERE f.k IS NOT NULL AND f.k <> ''
  AND NOT EXISTS (SELECT 1 FROM thread_messages t WHERE t.source = s.source AND t.message_id = f.k)
GROUP BY s.source, f.k;
