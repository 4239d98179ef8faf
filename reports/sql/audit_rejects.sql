-- Rejected records by run and kind of reason (the raw records stay in the
-- warehouse: they are unredacted source data). A reason names its record
-- ("record 12, field inbound = False is not kept by the mapping") and may
-- quote the value read ("cannot read '31/02/2024' as timestamp"): grouped
-- as they are, every rejected record was a row of its own (2,222 rows for
-- the support tweets' replies). The kind is the reason without its record
-- and with each quoted value written '…'; the CSV lists every record
-- with its whole reason.
WITH r AS (
    SELECT run_id, record_number,
           regexp_replace(regexp_replace(reason, '^record [0-9]+[,:] ', ''), '''[^'']*''', '''…''', 'g') AS kind
    FROM rejects
)
SELECT run_id AS run, kind AS reason, count(*) AS records, min(record_number) AS first_record
FROM r
GROUP BY run_id, kind
ORDER BY run_id, records DESC, kind
