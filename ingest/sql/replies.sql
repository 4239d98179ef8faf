-- The run's replies (records the stage rejected as 'reply': Mapping.Replies),
-- read from the record as written (rejects.raw), each with the complaint it
-- answers and why it cannot count as a response to it (why: null when it
-- can), and the fields it sets (Replies.Sets); own_id is a reply's own ID,
-- to tell a reply to a reply. A reply to another reply of the file answers
-- what that one answers (a company's second message in a thread), up to
-- MaxHops replies up. An ID written as a number with a zero fraction
-- ('3.0') answers the complaint of that ID as written, or else of the
-- integer ('3'); one naming a customer's follow-up (Replies.FollowUps)
-- answers the complaint the follow-up's thread began with, and one naming
-- a message an earlier file read into a complaint (thread_messages) that
-- complaint.
CREATE OR REPLACE TEMP TABLE ingest_replies AS
WITH RECURSIVE r0 AS (
    SELECT record_number AS rec,
           nullif(trim(json_extract_string(raw, {{.AnswersPath}})), '') AS answers,
           nullif(trim(json_extract_string(raw, {{.AtPath}})), '') AS at_text,
           {{if .OwnPath}}trim(json_extract_string(raw, {{.OwnPath}})){{else}}NULL::VARCHAR{{end}} AS own_id
           {{- range .Sets}},
           nullif(trim(json_extract_string(raw, {{.Path}})), '') AS {{.Field}}
           {{- end}}
    FROM rejects
    WHERE run_id = {{.RunID}} AND reason = 'record ' || record_number || ', ' || {{.Reply}}
{{- if .OwnPath}}
), own0 AS (
    -- the replies another reply names, by their own IDs compared as
    -- answers write them (an ID the file holds twice is its first reply's)
    SELECT DISTINCT ON (k) own_id, {{intID "own_id"}} AS k, answers
    FROM r0
    WHERE own_id IS NOT NULL AND own_id <> ''
      AND {{intID "answers"}} IS DISTINCT FROM k -- (not a reply to itself)
      AND k IN (SELECT {{intID "answers"}} FROM r0)
    ORDER BY k, rec
), own AS (
    -- but an ID that is a complaint's names the complaint (a messages
    -- export may number its messages as the tickets they answer)
    SELECT o.k, o.answers
    FROM own0 o
    LEFT JOIN complaints c ON c.source = {{.Source}} AND c.complaint_id = o.own_id
    LEFT JOIN complaints ci ON ci.source = {{.Source}} AND ci.complaint_id = o.k
    WHERE c.complaint_id IS NULL AND ci.complaint_id IS NULL
), chain AS (
    SELECT rec, answers AS named, 0 AS hops FROM r0
    UNION ALL
    SELECT c.rec, o.answers, c.hops + 1
    FROM chain c
    JOIN own o ON o.k = {{intID "c.named"}}
    WHERE o.answers IS NOT NULL AND c.hops < {{.MaxHops}}
), r AS (
    -- what each reply answers, through the replies it answers (via: the
    -- reply it names, when it names one)
    SELECT r0.* REPLACE (coalesce(ch.named, r0.answers) AS answers),
           CASE WHEN ch.named IS DISTINCT FROM r0.answers THEN r0.answers END AS via
    FROM r0
    LEFT JOIN (SELECT rec, arg_max(named, hops) AS named FROM chain GROUP BY rec) ch ON ch.rec = r0.rec
{{- else}}
), r AS (
    SELECT *, NULL::VARCHAR AS via FROM r0
{{- end}}
), x0 AS (
    SELECT *, {{.At}} AS replied_at,
           {{intID "answers"}} AS answers_int
    FROM r
), x AS (
{{- if .FollowUps}}
    -- a reply to a customer's follow-up answers the complaint its thread
    -- began with (followups.sql)
    SELECT x0.* REPLACE (coalesce(f.root_id, x0.answers) AS answers, coalesce(f.root_id, x0.answers_int) AS answers_int)
    FROM x0
    LEFT JOIN ingest_followups f ON f.k = x0.answers_int
{{- else}}
    SELECT * FROM x0
{{- end}}
), y AS (
    -- the complaint answered: of the ID as written, or else of the integer
    -- (the same complaint where they are the same ID). Both joins are on
    -- the key alone: a condition on the first join's result in the
    -- second's made DuckDB join every reply to every complaint
    -- (BenchmarkIngestThreads: a million messages took 136 s, not 7).
    SELECT x.*, coalesce(c.complaint_id, ci.complaint_id, ct.complaint_id) AS complaint_id,
           coalesce(c.received_at, ci.received_at, ct.received_at) AS received_at
    FROM x
    LEFT JOIN complaints c ON c.source = {{.Source}} AND c.complaint_id = x.answers
    LEFT JOIN complaints ci ON ci.source = {{.Source}} AND ci.complaint_id = x.answers_int
    -- else the complaint an earlier file read the message named into (a
    -- thread crossing the files of a feed: thread_messages)
    LEFT JOIN thread_messages tm ON tm.source = {{.Source}} AND tm.message_id = x.answers_int
    LEFT JOIN complaints ct ON ct.source = {{.Source}} AND ct.complaint_id = tm.complaint_id
)
SELECT rec, replied_at,{{range .Sets}} {{.Field}},{{end}} complaint_id, own_id,
       CASE WHEN answers IS NULL THEN {{.AnswersLabel}} || ': empty, so the reply answers no complaint'
            WHEN at_text IS NULL THEN {{.AtLabel}} || ': missing'
            WHEN replied_at IS NULL THEN {{.AtLabel}} || ': cannot read ''' || left(at_text, 60) || ''' as timestamp'
            WHEN replied_at > {{.NotAfter}} THEN {{.AtLabel}} || ': ' || strftime(replied_at, '%Y-%m-%d %H:%M:%S') || ' is in the future (later than a day after the load)'
            WHEN complaint_id IS NULL AND (answers IN (SELECT own_id FROM r) OR answers_int IN (SELECT own_id FROM r))
                THEN {{.AnswersLabel}} || ': ''' || left(answers, 60) || ''' is a reply of this file, not a complaint'
            WHEN complaint_id IS NULL
                THEN {{.AnswersLabel}} || ': no complaint of source ''' || {{.Source}} || ''' has ID ''' || left(answers, 60) || '''' ||
                     coalesce(', which reply ''' || left(via, 60) || ''' of this file answers', '')
            WHEN replied_at < received_at
                THEN {{.AtLabel}} || ': ' || strftime(replied_at, '%Y-%m-%d %H:%M:%S') || ', before complaint ''' || complaint_id ||
                     ''' was received (' || strftime(received_at, '%Y-%m-%d %H:%M:%S') || ')'
       END AS why
FROM y;
