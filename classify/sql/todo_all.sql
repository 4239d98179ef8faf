-- Every complaint is to be classified: the row ids of the complaints table,
-- kept in a temporary table of the reading connection so the text can be
-- read a window of row ids at a time (see select_window.sql).
CREATE OR REPLACE TEMP TABLE classify_todo AS
SELECT c.rowid AS rid
FROM complaints c
