-- 001: the canonical schema of DESIGN.md.
-- Every table carries ingest_run_id so each row traces back to the file it came from.
-- row_hash is a hash of the canonical content, used to tell duplicates from updates.

CREATE TABLE ingest_runs (
    run_id          BIGINT PRIMARY KEY,
    started_at      TIMESTAMP NOT NULL,
    finished_at     TIMESTAMP,
    file            VARCHAR NOT NULL,
    sha256          VARCHAR NOT NULL,
    profile         VARCHAR NOT NULL,
    target          VARCHAR NOT NULL,  -- complaints | surveys | customers
    rows_read       BIGINT NOT NULL,
    rows_loaded     BIGINT NOT NULL,
    rows_updated    BIGINT NOT NULL,
    rows_duplicate  BIGINT NOT NULL,
    rows_rejected   BIGINT NOT NULL,
    warnings        VARCHAR,           -- e.g. invalid UTF-8 repaired in N records
    CHECK (rows_read = rows_loaded + rows_updated + rows_duplicate + rows_rejected)
);

CREATE TABLE rejects (
    run_id          BIGINT NOT NULL,
    record_number   BIGINT NOT NULL,   -- 1-based data record number in the file (header excluded)
    raw             VARCHAR,           -- the record as read
    reason          VARCHAR NOT NULL
);

CREATE TABLE complaints (
    complaint_id        VARCHAR NOT NULL,
    source              VARCHAR NOT NULL,
    received_at         TIMESTAMP NOT NULL,
    channel             VARCHAR,
    customer_id         VARCHAR,
    product             VARCHAR,
    sub_product         VARCHAR,
    issue               VARCHAR,
    sub_issue           VARCHAR,
    company             VARCHAR,
    region              VARCHAR,
    narrative           VARCHAR,
    status              VARCHAR,           -- open | closed
    first_response_at   TIMESTAMP,
    resolved_at         TIMESTAMP,
    resolution          VARCHAR,
    upheld              BOOLEAN,
    compensation_amount DOUBLE,
    timely              BOOLEAN,
    disputed            BOOLEAN,
    reopened_count      INTEGER,
    assignee            VARCHAR,
    department          VARCHAR,
    extra               JSON,
    ingest_run_id       BIGINT NOT NULL,
    row_hash            UBIGINT NOT NULL,
    PRIMARY KEY (source, complaint_id)
);

CREATE TABLE surveys (
    response_id     VARCHAR NOT NULL,
    source          VARCHAR NOT NULL,
    customer_id     VARCHAR,
    complaint_id    VARCHAR,
    responded_at    TIMESTAMP NOT NULL,
    csat            INTEGER,   -- 1-5
    nps             INTEGER,   -- 0-10
    ces             INTEGER,   -- 1-7
    comment         VARCHAR,
    extra           JSON,
    ingest_run_id   BIGINT NOT NULL,
    row_hash        UBIGINT NOT NULL,
    PRIMARY KEY (source, response_id)
);

CREATE TABLE customers (
    customer_id     VARCHAR PRIMARY KEY,
    segment         VARCHAR,
    since           TIMESTAMP,
    churned_at      TIMESTAMP,
    extra           JSON,
    ingest_run_id   BIGINT NOT NULL,
    row_hash        UBIGINT NOT NULL
);

-- One current row per complaint: classify replaces a complaint's row in the
-- same transaction (delete, then insert), so no key constraint is declared.
CREATE TABLE classifications (
    source              VARCHAR NOT NULL,
    complaint_id        VARCHAR NOT NULL,
    topic               VARCHAR NOT NULL,
    topic_confidence    DOUBLE,
    department          VARCHAR,
    sentiment           DOUBLE,            -- -1..1, null when the language is not covered
    sentiment_label     VARCHAR,           -- negative | neutral | positive
    churn_intent        BOOLEAN NOT NULL,
    legal_threat        BOOLEAN NOT NULL,
    urgent              BOOLEAN NOT NULL,
    evidence            JSON,
    language            VARCHAR,
    narrative_redacted  VARCHAR,
    model               VARCHAR NOT NULL,
    classified_at       TIMESTAMP NOT NULL
);
