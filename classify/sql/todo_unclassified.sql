-- The complaints with no current classification, by row id. One anti-join
-- over the whole table, once per run; the text is then read a window of row
-- ids at a time (see select_window.sql).
CREATE OR REPLACE TEMP TABLE classify_todo AS
SELECT c.rowid AS rid
FROM complaints c
WHERE NOT EXISTS (
    SELECT 1 FROM classifications k
    WHERE k.source = c.source AND k.complaint_id = c.complaint_id
)
