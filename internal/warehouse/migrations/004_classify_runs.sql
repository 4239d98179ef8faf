-- One row per committed classify run (issue 7) that classified something
-- or moved the mark below, written in the run's own transaction; the audit
-- report lists them beside the files loaded. Its through_ingest_run is the
-- highest ingest_run_id of the complaints when the run began: every
-- complaint with that id or a lower one was classified by the run or
-- before it. Ingest gives a changed complaint the id of the run that
-- changed it (and drops its classification), and a new complaint the id
-- of its run, so the next classify looks for unclassified complaints among
-- those with a higher id only, not over the whole table
-- (classify/sql/todo_unclassified.sql).
CREATE TABLE classify_runs (
    classified_at       TIMESTAMP NOT NULL,  -- as in its classifications rows
    model               VARCHAR NOT NULL,
    all_complaints      BOOLEAN NOT NULL,    -- classify --all
    classified          BIGINT NOT NULL,     -- complaints classified by the run
    through_ingest_run  BIGINT               -- NULL when there were no complaints
);
