-- A support thread's follow-ups (Replies.FollowUps), found in the staged
-- records before they are reconciled. Each record of the file is a node:
-- a complaint record (_reason null) or a reply (_reason the reply reason),
-- with its own ID and the ID its answers column names, both compared as a
-- reply's are ('3.0' names '3': intID). A complaint record is a
-- follow-up when, walking up what it answers (through replies, other
-- customers' messages and its own earlier ones), it reaches a complaint
-- record of the same customer; the highest such record is its root, the
-- complaint the thread began with. An ID the file holds twice is followed
-- to its first complaint record, or else its first reply; a walk stops after {{.MaxHops}} messages, and a
-- follow-up whose root is itself a follow-up (a walk cut short, or IDs
-- answering in a circle) stays a complaint: nothing is folded into a
-- complaint that does not stay one.
--
-- ingest_followups: the follow-up's stage row (r), its ID as answers name
-- it (k), and its root's stage row (root) and complaint ID (root_id).
CREATE OR REPLACE TEMP TABLE ingest_followups AS
WITH RECURSIVE node AS (
    SELECT s.rowid AS r, s.complaint_id AS id, s.customer_id AS customer, true AS complaint,
           nullif(trim(json_extract_string(s.extra, {{.AnswersPath}})), '') AS answers
    FROM ingest_stage s
    WHERE s._reason IS NULL
    UNION ALL
    SELECT s.rowid, {{if .OwnPath}}nullif(trim(json_extract_string(s._raw, {{.OwnPath}})), ''){{else}}NULL::VARCHAR{{end}},
           NULL, false,
           nullif(trim(json_extract_string(s._raw, {{.AnswersPath}})), '')
    FROM ingest_stage s
    WHERE s._reason = {{.Reply}}
), keyed AS (
    SELECT r, customer, complaint,
           {{intID "id"}} AS k,
           {{intID "answers"}} AS parent
    FROM node
), byid AS (
    SELECT DISTINCT ON (k) * FROM keyed WHERE k IS NOT NULL ORDER BY k, NOT complaint, r
), walk AS (
    SELECT c.r AS start, c.customer, b.r AS anc, b.parent,
           b.complaint AND b.customer IS NOT DISTINCT FROM c.customer AS same, 1 AS hops
    FROM keyed c
    JOIN byid b ON b.k = c.parent
    WHERE c.complaint AND b.r <> c.r
    UNION ALL
    SELECT w.start, w.customer, b.r, b.parent,
           b.complaint AND b.customer IS NOT DISTINCT FROM w.customer, w.hops + 1
    FROM walk w
    JOIN byid b ON b.k = w.parent
    WHERE w.hops < {{.MaxHops}}
), found AS (
    SELECT start AS r, arg_max(anc, hops) AS root
    FROM walk
    WHERE same AND anc <> start
    GROUP BY start
)
SELECT f.r, k.k, f.root, s.complaint_id AS root_id
FROM found f
JOIN keyed k ON k.r = f.r
JOIN ingest_stage s ON s.rowid = f.root
WHERE f.root NOT IN (SELECT r FROM found);

-- The root's narrative: its text and its follow-ups', in time order (file
-- order at one time), a blank line between them; its row hash covers the
-- whole conversation, so the file loaded again is a duplicate and a later
-- export with more of the thread an update.
UPDATE ingest_stage s
SET narrative = t.narrative, row_hash = hash(s.row_hash, t.narrative)
FROM (
    SELECT m.root, string_agg(x.narrative, chr(10) || chr(10) ORDER BY x.received_at, x.rowid) AS narrative
    FROM (SELECT root, r FROM ingest_followups UNION ALL SELECT DISTINCT root, root FROM ingest_followups) m
    JOIN ingest_stage x ON x.rowid = m.r
    GROUP BY m.root
) t
WHERE s.rowid = t.root;

-- A follow-up is no complaint of its own: reconcile leaves it out of the
-- outcomes and the rejects, and counts it with its root.
UPDATE ingest_stage SET _reason = {{.FollowUp}}
WHERE rowid IN (SELECT r FROM ingest_followups);
