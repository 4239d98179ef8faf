-- The survey responses with a comment received in the periods an
-- executive page shows, with the score that places the respondent (NPS,
-- else CSAT), in a fixed order so that the page and its list are the same
-- bytes each time. The comment is read here only to be classified in Go;
-- no report shows it (it is not redacted).
-- $1 start of the first period shown (TIMESTAMP)
-- $2 end of the last period shown (exclusive TIMESTAMP)
SELECT source, response_id, nps::DOUBLE AS nps, csat::DOUBLE AS csat, comment
FROM surveys
WHERE responded_at >= $1 AND responded_at < $2
  AND (nps IS NOT NULL OR csat IS NOT NULL)
  AND nullif(trim(comment), '') IS NOT NULL
ORDER BY source, response_id
