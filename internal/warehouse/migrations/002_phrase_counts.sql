-- The reports' phrase counts, kept between runs so that a weekly run reads
-- the texts of the new week only (issue 7). A cache: every row can be
-- dropped at any time and is made again from the warehouse on the next
-- `complaints run`. Written by the reports of `run` only (`report` opens the
-- warehouse read-only and just reads them).

-- One row per period whose term counts are kept: which texts they were
-- counted from (a fingerprint of the complaints and their classifications,
-- see reports/sql/phrase_fingerprints.sql), by which term rules
-- (trend.TermsVersion), and how many texts that was.
CREATE TABLE phrase_periods (
    period          VARCHAR NOT NULL,   -- week | month
    period_start    DATE NOT NULL,
    terms_version   INTEGER NOT NULL,
    fingerprint     VARCHAR NOT NULL,
    docs            BIGINT NOT NULL,    -- texts counted
    counted_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (period, period_start)
);

-- Per period, every term (a stemmed content word, or two of them) of its
-- texts and the number of texts using it, as trend.EmergingPhrases counts
-- them. Replaced with its phrase_periods row, in one transaction.
CREATE TABLE phrase_counts (
    period          VARCHAR NOT NULL,
    period_start    DATE NOT NULL,
    term            VARCHAR NOT NULL,
    docs            INTEGER NOT NULL
);
