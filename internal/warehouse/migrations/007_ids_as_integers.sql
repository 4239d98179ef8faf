-- skip unless: SELECT EXISTS (FROM complaints WHERE regexp_matches(complaint_id, '^[+-]?[0-9]+[.]0+$') OR regexp_matches(customer_id, '^[+-]?[0-9]+[.]0+$')) OR EXISTS (FROM surveys WHERE regexp_matches(complaint_id, '^[+-]?[0-9]+[.]0+$') OR regexp_matches(customer_id, '^[+-]?[0-9]+[.]0+$')) OR EXISTS (FROM customers WHERE regexp_matches(customer_id, '^[+-]?[0-9]+[.]0+$'))
-- 007: complaint and customer IDs written as a number with a zero fraction
-- ("2105582.0", as pandas writes a column of integers with gaps) are the
-- integer since ingest reads them so (ingest's intID, commit b7207e6).
-- Versions before stored them as written, so their file loaded again was
-- loaded anew beside them, and a customer "77.0" no longer joined its
-- complaints "77" (QA pass AY). Every table holding such an ID takes the
-- integer, and a row whose row hash is that of its fields takes the hash of
-- its fields re-keyed (the hash stage.sql gives: ingest's row_hash), so the
-- file loaded again is duplicate. A complaint (customer) whose re-keyed ID
-- is stored already in its source (stored, by those versions, under both
-- spellings), or that another stored ID of the source re-keys to too,
-- stays as it is but for the first of those. rejects keep the records as
-- read. The regular expression is intID's (ingest/build.go).

CREATE TEMP MACRO int_id(id) AS regexp_replace(id, '^([+-]?[0-9]+)[.]0+$', '\1');

-- The complaints whose ID takes the integer: (source, old_id, new_id).
CREATE TEMP TABLE rekey_complaints AS
SELECT source, old_id, new_id
FROM (
    SELECT source, complaint_id AS old_id, int_id(complaint_id) AS new_id,
           row_number() OVER (PARTITION BY source, int_id(complaint_id) ORDER BY complaint_id) AS nth
    FROM complaints
    WHERE int_id(complaint_id) <> complaint_id
) r
WHERE nth = 1
  AND NOT EXISTS (FROM complaints e WHERE e.source = r.source AND e.complaint_id = r.new_id);

-- Every complaint whose ID or customer changes, with its new ones: a
-- complaint's customer (as a survey's complaint and customer) is no key,
-- and takes the integer whatever is stored, as ingest writes it now.
CREATE TEMP TABLE rekey_complaint_rows AS
SELECT c.source, c.complaint_id AS old_id, coalesce(r.new_id, c.complaint_id) AS new_id, int_id(c.customer_id) AS customer_id
FROM complaints c
LEFT JOIN rekey_complaints r ON r.source = c.source AND r.old_id = c.complaint_id
WHERE r.new_id IS NOT NULL OR int_id(c.customer_id) <> c.customer_id;

UPDATE complaints AS c
SET complaint_id = k.new_id,
    customer_id = k.customer_id,
    row_hash = CASE WHEN c.row_hash = hash(c.complaint_id, c.source, c.received_at, c.channel, c.customer_id, c.product,
                         c.sub_product, c.issue, c.sub_issue, c.company, c.region, c.narrative, c.status, c.first_response_at,
                         c.resolved_at, c.resolution, c.upheld, c.compensation_amount, c.timely, c.disputed, c.reopened_count,
                         c.assignee, c.department, c.extra)
               THEN hash(k.new_id, c.source, c.received_at, c.channel, k.customer_id, c.product,
                         c.sub_product, c.issue, c.sub_issue, c.company, c.region, c.narrative, c.status, c.first_response_at,
                         c.resolved_at, c.resolution, c.upheld, c.compensation_amount, c.timely, c.disputed, c.reopened_count,
                         c.assignee, c.department, c.extra)
               ELSE c.row_hash END
FROM rekey_complaint_rows k
WHERE c.source = k.source AND c.complaint_id = k.old_id;

-- What hangs off a re-keyed complaint follows it. (phrase_periods need
-- nothing: their fingerprints no longer match, and the next run counts
-- those periods again.)
UPDATE classifications AS l SET complaint_id = r.new_id
FROM rekey_complaints r WHERE l.source = r.source AND l.complaint_id = r.old_id;

UPDATE thread_messages AS m SET complaint_id = r.new_id
FROM rekey_complaints r WHERE m.source = r.source AND m.complaint_id = r.old_id;

UPDATE phrase_texts AS p SET complaint_id = r.new_id
FROM rekey_complaints r WHERE p.source = r.source AND p.complaint_id = r.old_id;

UPDATE surveys
SET complaint_id = int_id(complaint_id),
    customer_id = int_id(customer_id),
    row_hash = CASE WHEN row_hash = hash(response_id, source, customer_id, complaint_id, responded_at, csat, nps, ces, comment, extra)
               THEN hash(response_id, source, int_id(customer_id), int_id(complaint_id), responded_at, csat, nps, ces, comment, extra)
               ELSE row_hash END
WHERE int_id(complaint_id) <> complaint_id OR int_id(customer_id) <> customer_id;

-- Customers are keyed by their ID alone.
UPDATE customers AS u
SET customer_id = r.new_id,
    row_hash = CASE WHEN u.row_hash = hash(u.customer_id, u.segment, u.since, u.churned_at, u.extra)
               THEN hash(r.new_id, u.segment, u.since, u.churned_at, u.extra)
               ELSE u.row_hash END
FROM (
    SELECT old_id, new_id
    FROM (
        SELECT customer_id AS old_id, int_id(customer_id) AS new_id,
               row_number() OVER (PARTITION BY int_id(customer_id) ORDER BY customer_id) AS nth
        FROM customers
        WHERE int_id(customer_id) <> customer_id
    ) r
    WHERE nth = 1 AND NOT EXISTS (FROM customers e WHERE e.customer_id = r.new_id)
) r
WHERE u.customer_id = r.old_id;

DROP TABLE rekey_complaint_rows;
DROP TABLE rekey_complaints;
DROP MACRO int_id;
