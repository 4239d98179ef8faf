-- The brand an unanswered complaint addresses (Replies.Sets company,
-- where the mapping gives no company), one of this run or a stored one of
-- the source with no company (a brand that answers only in a later file
-- is addressed by the complaints of earlier ones too; they are few), if
-- it starts a thread (Starts: its answers column is empty, it replies to
-- nothing): its text's first
-- @-mention (after a start, space or punctuation, not inside an address
-- like bob@example.com) of a handle that answers as a company: the author
-- of one of this file's replies (one rejected too: it answers as the
-- company), or a stored complaint's company with its first response.
-- Handles compare case-insensitively; the company is written as the
-- replies write it (the least spelling, where they differ). A complaint
-- that mentions none has no company: a handle that never answers is no
-- company's. A tweet replying to another (a customer's reply to another
-- customer's tweet) begins with the handles of the thread's participants,
-- Twitter's doing, and a brand among them is no brand addressed (QA pass
-- AY: of the 73 of the twcs sample's 140 unanswered tweets addressed so
-- before, 27 replied to another customer's tweet, such as tweet 7200:
-- "@117242 @117241 @117253 @marksandspencer ... @Tesco @sainsburys"; 7
-- start a thread).
UPDATE complaints c
SET company = a.company
FROM (
    WITH handles AS (
        SELECT lower(company) AS k, min(company) AS company
        FROM (
{{- if .Replies}}
            SELECT company FROM ingest_replies
            UNION ALL
{{- end}}
            SELECT company FROM complaints
            WHERE source = {{.Source}} AND first_response_at IS NOT NULL
        )
        WHERE company IS NOT NULL
        GROUP BY k
    ), unanswered AS (
        SELECT complaint_id,
               CASE WHEN {{.Starts}} THEN regexp_extract_all(lower(narrative), '(?:^|[^\w@])@(\w+)', 1) ELSE [] END AS mentions
        FROM complaints
        WHERE source = {{.Source}} AND first_response_at IS NULL AND (ingest_run_id = {{.RunID}} OR company IS NULL)
    )
    SELECT u.complaint_id, arg_min(h.company, list_position(u.mentions, h.k)) AS company
    FROM unanswered u
    LEFT JOIN handles h ON list_contains(u.mentions, h.k)
    GROUP BY u.complaint_id
) a
WHERE c.source = {{.Source}} AND c.complaint_id = a.complaint_id
  AND c.company IS DISTINCT FROM a.company;
