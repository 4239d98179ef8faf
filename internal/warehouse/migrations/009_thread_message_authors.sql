-- 009: who wrote each thread message: for a brand's reply, its author as
-- the replies' company reads it (Replies.Sets company: the handle that
-- answered); NULL for a customer's follow-up, and for a message stored
-- before, whose author no one knows. A later file's tweet replying to a
-- stored message takes its author as company only where it is a brand's
-- (ingest's replies_addressed.sql); before, it took the thread's company,
-- also for a customer's follow-up (QA pass BD). IF NOT EXISTS: a
-- warehouse whose schema_migrations say less than its tables (as the
-- upgrade tests make) runs it again.
ALTER TABLE thread_messages ADD COLUMN IF NOT EXISTS author VARCHAR;
