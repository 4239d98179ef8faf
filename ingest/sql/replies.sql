-- The run's replies (records the stage rejected as 'reply': Mapping.Replies),
-- read from the record as written (rejects.raw), each with the complaint it
-- answers and why it cannot count as a response to it (why: null when it
-- can), and the fields it sets (Replies.Sets); own_id is a reply's own ID,
-- to tell a reply to a reply. An ID
-- written as a number with a zero fraction ('3.0') answers the complaint
-- of that ID as written, or else of the integer ('3').
CREATE OR REPLACE TEMP TABLE ingest_replies AS
WITH r AS (
    SELECT record_number AS rec,
           nullif(trim(json_extract_string(raw, {{.AnswersPath}})), '') AS answers,
           nullif(trim(json_extract_string(raw, {{.AtPath}})), '') AS at_text,
           {{if .OwnPath}}trim(json_extract_string(raw, {{.OwnPath}})){{else}}NULL::VARCHAR{{end}} AS own_id
           {{- range .Sets}},
           nullif(trim(json_extract_string(raw, {{.Path}})), '') AS {{.Field}}
           {{- end}}
    FROM rejects
    WHERE run_id = {{.RunID}} AND reason = 'record ' || record_number || ', ' || {{.Reply}}
), x AS (
    SELECT *, {{.At}} AS replied_at,
           regexp_replace(answers, '^([+-]?[0-9]+)[.]0+$', '\1') AS answers_int
    FROM r
)
SELECT x.rec, x.replied_at,{{range .Sets}} x.{{.Field}},{{end}}
       coalesce(c.complaint_id, ci.complaint_id) AS complaint_id,
       CASE WHEN x.answers IS NULL THEN {{.AnswersLabel}} || ': empty, so the reply answers no complaint'
            WHEN x.at_text IS NULL THEN {{.AtLabel}} || ': missing'
            WHEN x.replied_at IS NULL THEN {{.AtLabel}} || ': cannot read ''' || left(x.at_text, 60) || ''' as timestamp'
            WHEN x.replied_at > {{.NotAfter}} THEN {{.AtLabel}} || ': ' || strftime(x.replied_at, '%Y-%m-%d %H:%M:%S') || ' is in the future (later than a day after the load)'
            WHEN coalesce(c.complaint_id, ci.complaint_id) IS NULL AND (x.answers IN (SELECT own_id FROM r) OR x.answers_int IN (SELECT own_id FROM r))
                THEN {{.AnswersLabel}} || ': ''' || left(x.answers, 60) || ''' is a reply of this file, not a complaint'
            WHEN coalesce(c.complaint_id, ci.complaint_id) IS NULL
                THEN {{.AnswersLabel}} || ': no complaint of source ''' || {{.Source}} || ''' has ID ''' || left(x.answers, 60) || ''''
            WHEN x.replied_at < coalesce(c.received_at, ci.received_at)
                THEN {{.AtLabel}} || ': ' || strftime(x.replied_at, '%Y-%m-%d %H:%M:%S') || ', before complaint ''' || coalesce(c.complaint_id, ci.complaint_id) ||
                     ''' was received (' || strftime(coalesce(c.received_at, ci.received_at), '%Y-%m-%d %H:%M:%S') || ')'
       END AS why
FROM x
LEFT JOIN complaints c ON c.source = {{.Source}} AND c.complaint_id = x.answers
LEFT JOIN complaints ci ON ci.source = {{.Source}} AND ci.complaint_id = x.answers_int AND x.answers_int <> x.answers AND c.complaint_id IS NULL;
