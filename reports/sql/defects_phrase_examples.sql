-- The first $2 complaints with a redacted narrative of each of the first
-- $1 emerging phrases (rpt_phrase_ids, phrase its number), the most
-- negative first (then the newest), as the topics' examples are ordered
-- (defects_example_rows.sql), without the text: row is the
-- classification's rowid, for defects_example_texts.sql.
SELECT p.phrase, c.source, c.complaint_id, c.received_at::DATE AS received, c.product, c.cls_row AS row
FROM rpt_phrase_ids p
JOIN rpt_complaints c ON c.source = p.source AND c.complaint_id = p.complaint_id
WHERE p.phrase <= $1 AND c.redacted
QUALIFY row_number() OVER (PARTITION BY p.phrase ORDER BY c.sentiment ASC NULLS LAST, c.received_at DESC, c.source, c.complaint_id) <= $2
ORDER BY p.phrase, c.sentiment ASC NULLS LAST, c.received_at DESC, c.source, c.complaint_id
