-- skip unless: SELECT EXISTS (FROM surveys WHERE regexp_matches(response_id, '^[+-]?[0-9]+[.]0+$'))
-- 008: survey response IDs written as a number with a zero fraction
-- ("123.0") are the integer since ingest reads them so, as 007 made of
-- complaint and customer IDs: the file loaded again was stored anew beside
-- them (QA pass BA's fix helper). A response whose re-keyed ID its source
-- holds already, or that another of the source's IDs re-keys to too, stays
-- as it is but for the first of those; a row whose row hash is that of its
-- fields takes the hash of its fields re-keyed. The regular expression is
-- intID's (ingest/build.go).

CREATE TEMP MACRO int_id(id) AS regexp_replace(id, '^([+-]?[0-9]+)[.]0+$', '\1');

UPDATE surveys AS s
SET response_id = r.new_id,
    row_hash = CASE WHEN s.row_hash = hash(s.response_id, s.source, s.customer_id, s.complaint_id, s.responded_at, s.csat, s.nps, s.ces, s.comment, s.extra)
               THEN hash(r.new_id, s.source, s.customer_id, s.complaint_id, s.responded_at, s.csat, s.nps, s.ces, s.comment, s.extra)
               ELSE s.row_hash END
FROM (
    SELECT source, old_id, new_id
    FROM (
        SELECT source, response_id AS old_id, int_id(response_id) AS new_id,
               row_number() OVER (PARTITION BY source, int_id(response_id) ORDER BY response_id) AS nth
        FROM surveys
        WHERE int_id(response_id) <> response_id
    ) r
    WHERE nth = 1
      AND NOT EXISTS (FROM surveys e WHERE e.source = r.source AND e.response_id = r.new_id)
) r
WHERE s.source = r.source AND s.response_id = r.old_id;

DROP MACRO int_id;
