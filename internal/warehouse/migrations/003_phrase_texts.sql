-- The reports' cache of the texts of the period after the one judged
-- (issue 7). A weekly export cut on a day other than a period's last one
-- leaves part of the next period judged in the warehouse already, its rows
-- spread over the table, and reading those few texts read the whole column
-- of redacted narratives (5-9 s on 10M complaints). `run` keeps them here,
-- and the next run reads from the warehouse only the texts it does not
-- hold. A cache like phrase_counts: any row may be dropped at any time;
-- written by `run` only, read by `run` and `report`.

-- A text is used only while its complaint's classification has the same
-- stamp (classified_at and model): classify writes a new classified_at
-- whenever it writes the redacted text again, and ingest drops the
-- classification of a complaint whose content changes.
CREATE TABLE phrase_texts (
    source          VARCHAR NOT NULL,
    complaint_id    VARCHAR NOT NULL,
    classified_at   TIMESTAMP NOT NULL,
    model           VARCHAR NOT NULL,
    received_at     TIMESTAMP NOT NULL,
    txt             VARCHAR NOT NULL
);
