-- The messages of support threads (a mapping's replies block) that ingest
-- read as part of a complaint: a reply's own ID with the complaint it
-- answered, a customer's follow-up's with the complaint its thread began
-- with. A later file's message answering one of them is in that
-- complaint's thread: threads cross the files of a daily or weekly feed.
-- message_id is the ID as the replies compare IDs ('3.0' is '3'); one
-- row per (source, message_id), kept so by ingest's inserts rather than by
-- a primary key, whose index no query would read (they hash-join).
CREATE TABLE IF NOT EXISTS thread_messages (
    source        VARCHAR NOT NULL,
    message_id    VARCHAR NOT NULL,
    complaint_id  VARCHAR NOT NULL,
    ingest_run_id BIGINT  NOT NULL
);
