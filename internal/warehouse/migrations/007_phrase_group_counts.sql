-- The defects page's term counts by product (or by company, where no
-- complaint names a product), kept between runs as phrase_counts is
-- (migration 002), so that a weekly run counts the new week's texts only.
-- A cache: every row can be dropped at any time and is made again from the
-- warehouse; written by `run` only, read by `report` too.

-- One row per period whose counts are kept: which texts (the fingerprint
-- of reports/sql/phrase_fingerprints.sql), by which term rules
-- (trend.TermsVersion), grouped by product or company (dim).
CREATE TABLE IF NOT EXISTS phrase_group_periods (
    period          VARCHAR NOT NULL,   -- week | month
    period_start    DATE NOT NULL,
    dim             VARCHAR NOT NULL,   -- product | company
    terms_version   INTEGER NOT NULL,
    fingerprint     VARCHAR NOT NULL,
    counted_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (period, period_start)
);

-- Per period and group, its texts (term '') and each term that at least
-- two of them use (trend.PeriodCounter.CountDocs), with the number of its
-- texts using it. Replaced with its phrase_group_periods row, in one
-- transaction.
CREATE TABLE IF NOT EXISTS phrase_group_counts (
    period          VARCHAR NOT NULL,
    period_start    DATE NOT NULL,
    grp             VARCHAR NOT NULL,
    term            VARCHAR NOT NULL,
    docs            INTEGER NOT NULL
);

-- Per period, the complaints of each listed recurring phrase (grp, term)
-- seen in it, and how each writes it (surface), found once by reading the
-- texts (reports: recurringPhraseLists) so that a later run reads only the
-- periods it lacks. Valid while the period's phrase_group_periods row is;
-- dropped with it. A (period, grp, term) with any row is complete.
CREATE TABLE IF NOT EXISTS phrase_group_uses (
    period          VARCHAR NOT NULL,
    period_start    DATE NOT NULL,
    grp             VARCHAR NOT NULL,
    term            VARCHAR NOT NULL,
    source          VARCHAR NOT NULL,
    complaint_id    VARCHAR NOT NULL,
    surface         VARCHAR NOT NULL
);
