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
-- A thread also reaches back into earlier files (a daily or weekly feed
-- splits the conversations that cross its boundary): where the walk of a
-- complaint record that stays one leaves the file, the ID it names may be
-- a stored complaint of the source or a message an earlier file read into
-- one (thread_messages). When that complaint is the same customer's, the
-- record and its own follow-ups are follow-ups of it: their text is added
-- to its narrative. Not when the record's ID is already a complaint of the
-- warehouse (the later file was loaded first): it stays what it is.
--
-- ingest_followups: the follow-up's stage row (r), its ID as answers name
-- it (k), its root's stage row (root; NULL for a stored complaint) and
-- complaint ID (root_id), and whether an earlier run read it into that
-- complaint already (dup: the file loaded again).
CREATE OR REPLACE TEMP TABLE ingest_followups AS
WITH RECURSIVE node AS (
    SELECT s.rowid AS r, s.complaint_id AS id, s.customer_id AS customer, true AS complaint,
           nullif(trim(json_extract_string(s.extra, {{.AnswersPath}})), '') AS answers, s.source
    FROM ingest_stage s
    WHERE s._reason IS NULL
    UNION ALL
    SELECT s.rowid, {{if .OwnPath}}nullif(trim(json_extract_string(s._raw, {{.OwnPath}})), ''){{else}}NULL::VARCHAR{{end}},
           NULL, false,
           nullif(trim(json_extract_string(s._raw, {{.AnswersPath}})), ''), NULL
    FROM ingest_stage s
    WHERE s._reason = {{.Reply}}
), keyed AS MATERIALIZED (
    SELECT r, id, customer, complaint, source,
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
), walked AS MATERIALIZED (
    -- each walk's root (the highest complaint record of the same customer)
    -- and the ID its last message names
    SELECT start AS r, arg_max(anc, hops) FILTER (WHERE same AND anc <> start) AS root,
           arg_max(parent, hops) AS last_parent
    FROM walk
    GROUP BY start
), infile AS (
    SELECT r, root FROM walked
    WHERE root IS NOT NULL AND root NOT IN (SELECT r FROM walked WHERE root IS NOT NULL)
), tail AS (
    -- where each complaint record's thread leaves the file: the ID named by
    -- the last message its walk reached, or by the record itself
    SELECT k.r AS start, k.parent AS exit_k FROM keyed k
    WHERE k.complaint AND k.parent IS NOT NULL AND NOT EXISTS (SELECT 1 FROM keyed b WHERE b.k = k.parent)
    UNION ALL
    SELECT w.r, w.last_parent FROM walked w
    WHERE w.last_parent IS NOT NULL AND NOT EXISTS (SELECT 1 FROM keyed b WHERE b.k = w.last_parent)
), outside AS (
    -- the records that stay complaints in the file whose thread leads to a
    -- stored complaint of the same customer, which their ID is not
    SELECT t.start AS top, e.complaint_id AS root_id
    FROM tail t
    JOIN keyed s ON s.r = t.start
    LEFT JOIN complaints c ON c.source = s.source AND c.complaint_id = t.exit_k
    LEFT JOIN thread_messages m ON m.source = s.source AND m.message_id = t.exit_k
    JOIN complaints e ON e.source = s.source AND e.complaint_id = coalesce(c.complaint_id, m.complaint_id)
    WHERE t.start NOT IN (SELECT r FROM infile)
      AND e.customer_id IS NOT DISTINCT FROM s.customer
      AND NOT EXISTS (SELECT 1 FROM complaints o WHERE o.source = s.source AND o.complaint_id = s.id)
), members AS (
    SELECT r, root, NULL::VARCHAR AS root_id FROM infile WHERE root NOT IN (SELECT top FROM outside)
    UNION ALL
    SELECT o.top, NULL, o.root_id FROM outside o
    UNION ALL
    SELECT i.r, NULL, o.root_id FROM infile i JOIN outside o ON o.top = i.root
)
SELECT m.r, k.k, m.root, coalesce(m.root_id, s.complaint_id) AS root_id,
       m.root IS NULL AND EXISTS (SELECT 1 FROM thread_messages t WHERE t.source = k.source AND t.message_id = k.k) AS dup
FROM members m
JOIN keyed k ON k.r = m.r
LEFT JOIN ingest_stage s ON s.rowid = m.root;

-- The root's narrative: its text and its follow-ups', in time order (file
-- order at one time), a blank line between them; its row hash covers the
-- whole conversation, so the file loaded again is a duplicate and a later
-- export with more of the thread an update.
UPDATE ingest_stage s
SET narrative = t.narrative, row_hash = hash(s.row_hash, t.narrative),
    _legacy_hash = CASE WHEN s._legacy_hash IS NOT NULL THEN hash(s._legacy_hash, t.narrative) END,
    _order_hash = CASE WHEN s._order_hash IS NOT NULL THEN hash(s._order_hash, t.narrative) END,
    _prev_hash = CASE WHEN s._prev_hash IS NOT NULL THEN hash(s._prev_hash, t.narrative) END
FROM (
    SELECT m.root, string_agg(x.narrative, chr(10) || chr(10) ORDER BY x.received_at, x.rowid) AS narrative
    FROM (SELECT root, r FROM ingest_followups WHERE root IS NOT NULL
          UNION ALL SELECT DISTINCT root, root FROM ingest_followups WHERE root IS NOT NULL) m
    JOIN ingest_stage x ON x.rowid = m.r
    GROUP BY m.root
) t
WHERE s.rowid = t.root;

-- A stored complaint's follow-ups in this file (those no earlier run read
-- into it) are added to its narrative, in time order after what it holds.
-- Its row hash stays that of the record it was loaded from, so that file
-- loaded again is still all duplicates; its classification goes, as an
-- updated complaint's does, and the next classify reads the conversation.
CREATE OR REPLACE TEMP TABLE ingest_followups_added AS
SELECT f.root_id, x.source, string_agg(x.narrative, chr(10) || chr(10) ORDER BY x.received_at, x.rowid) AS narrative
FROM ingest_followups f
JOIN ingest_stage x ON x.rowid = f.r
WHERE f.root IS NULL AND NOT f.dup
GROUP BY ALL;

UPDATE complaints c
SET narrative = concat_ws(chr(10) || chr(10), c.narrative, a.narrative), ingest_run_id = {{.RunID}}
FROM ingest_followups_added a
WHERE c.source = a.source AND c.complaint_id = a.root_id;

DELETE FROM classifications k
USING ingest_followups_added a
WHERE k.source = a.source AND k.complaint_id = a.root_id;

DROP TABLE ingest_followups_added;

-- A follow-up is no complaint of its own: reconcile leaves it out of the
-- outcomes and the rejects, and counts it with its root.
UPDATE ingest_stage SET _reason = {{.FollowUp}}
WHERE rowid IN (SELECT r FROM ingest_followups);
