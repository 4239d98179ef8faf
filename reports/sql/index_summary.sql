-- Headline counts for the index page over the complaints in scope; $1 is
-- the cutoff for surveys (their count is the run's, from earliest.sql).
-- sources are the complaints' sources, survey_sources the surveys'.
SELECT
    count(*) AS complaints,
    min(received_at) AS first_received,
    max(received_at) AS last_received,
    count(DISTINCT source) AS sources,
    count(*) FILTER (WHERE classified) AS classified,
    count(*) FILTER (WHERE not_english) AS not_english,
    count(*) FILTER (WHERE language_undetermined) AS language_undetermined,
    (SELECT min(responded_at) FROM surveys WHERE responded_at < $1) AS first_survey,
    (SELECT max(responded_at) FROM surveys WHERE responded_at < $1) AS last_survey,
    (SELECT count(DISTINCT source) FROM surveys WHERE responded_at < $1) AS survey_sources,
    (SELECT count(*) FROM ingest_runs) AS ingest_runs
FROM rpt_complaints
