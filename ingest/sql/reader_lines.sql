-- The records the CSV reader rejected (ingest_reject_errors), each as
-- read without the line ends around it. In a file whose lines end in
-- CR LF the reader's record begins after the carriage return that ends
-- the line before it, so that it holds that line's line feed
-- ("\nA2,2024-03-01,bad, comma"), and the line ends of blank lines before
-- it too. No record starts or ends with a line break of its own (a line of
-- none is blank, no record; a line break inside quotes has the quotes
-- around it): those at either end go. The rejects then show the record as
-- written, and the line that stands for a record cut at a runaway quote
-- (runawayPlaceholder) is found as written.
UPDATE ingest_reject_errors
SET csv_line = trim(csv_line, chr(13) || chr(10))
WHERE csv_line <> trim(csv_line, chr(13) || chr(10))
