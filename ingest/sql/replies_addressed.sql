-- The brand an unanswered complaint addresses (Replies.Sets company,
-- where the mapping gives no company), one of this run or a stored one of
-- the source with no company (a brand that answers only in a later file
-- is addressed by the complaints of earlier ones too; they are few):
--   - if it starts a thread (Starts: its answers column is empty, it
--     replies to nothing), its text's first @-mention (after a start,
--     space or punctuation, not inside an address like bob@example.com) of
--     a handle that answers as a company: the author of one of this file's
--     replies (one rejected too: it answers as the company), a stored
--     complaint's company with its first response, or the author of a
--     brand's reply an earlier file read into a thread (thread_messages:
--     one answering a customer's follow-up is no complaint's company);
--   - if it replies to a tweet (Answers, its ID as replies compare IDs),
--     that tweet's author where it answers as a company: the brand whose
--     tweet it answers (a customer joining another's thread with the
--     brand, or answering a brand's tweet that answers nothing: 39 of the
--     twcs sample's 140 unanswered tweets). The tweet is one of this
--     file's replies (the first of its ID), or else a message an earlier
--     run read into a complaint's thread (thread_messages) that a brand
--     wrote: its author. A customer's follow-up has none, nor has a
--     message stored before migration 009 (a reply or a follow-up, no one
--     knows): the thread's company was taken before, also for a customer
--     answering another's follow-up, so a file loaded after the thread's
--     gave a brand where one load gave none (QA pass BD: twcs tweets 3058,
--     3512, 4360).
--     A tweet replying to another begins with the handles of the thread's
--     participants, Twitter's doing, and a brand among them is no brand
--     addressed (QA pass AY: of the 73 of the 140 addressed so before, 27
--     replied to another customer's tweet, such as tweet 7200: "@117242
--     @117241 @117253 @marksandspencer ... @Tesco @sainsburys"): one
--     replying to a customer's tweet has no company.
-- Handles compare case-insensitively; the company is written as the
-- replies write it (the least spelling, where they differ). A complaint
-- that addresses none has no company: a handle that never answers is no
-- company's.
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
            UNION ALL
            SELECT author FROM thread_messages WHERE source = {{.Source}}
        )
        WHERE company IS NOT NULL
        GROUP BY k
    ), unanswered AS (
        SELECT complaint_id,
               CASE WHEN {{.Starts}} THEN regexp_extract_all(lower(narrative), '(?:^|[^\w@])@(\w+)', 1) ELSE [] END AS mentions,
               CASE WHEN NOT {{.Starts}} THEN {{intID .Answers}} END AS replies_to
        FROM complaints
        WHERE source = {{.Source}} AND first_response_at IS NULL AND (ingest_run_id = {{.RunID}} OR company IS NULL)
    ), replied AS (
        -- the handle of the tweet each complaint replies to: this file's
        -- reply of that ID, else the author of a stored thread's message
        -- of it (an earlier run's: this run's replies are this file's)
        SELECT u.complaint_id, {{if .Replies}}coalesce(f.author, s.author){{else}}s.author{{end}} AS k
        FROM unanswered u
{{- if .Replies}}
        LEFT JOIN (SELECT {{intID "own_id"}} AS id, arg_min(lower(company), rec) AS author
                   FROM ingest_replies WHERE own_id <> '' GROUP BY id) f ON f.id = u.replies_to
{{- end}}
        LEFT JOIN (SELECT message_id AS id, lower(author) AS author
                   FROM thread_messages
                   WHERE source = {{.Source}} AND ingest_run_id <> {{.RunID}} AND author IS NOT NULL) s ON s.id = u.replies_to
        WHERE u.replies_to IS NOT NULL
    )
    SELECT u.complaint_id, coalesce(any_value(r.company), arg_min(h.company, list_position(u.mentions, h.k))) AS company
    FROM unanswered u
    LEFT JOIN handles h ON list_contains(u.mentions, h.k)
    LEFT JOIN (SELECT replied.complaint_id, handles.company FROM replied JOIN handles USING (k)) r ON r.complaint_id = u.complaint_id
    GROUP BY u.complaint_id
) a
WHERE c.source = {{.Source}} AND c.complaint_id = a.complaint_id
  AND c.company IS DISTINCT FROM a.company;
