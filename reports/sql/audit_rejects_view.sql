-- The rejected records' reasons with the source value each may quote
-- written '…': the value is unredacted source text ("cannot read
-- 'call me 555-867-5309' as timestamp"), which the rejects table keeps
-- and no report shows. The value read ends at the last "' as " of a
-- "cannot read" reason, so a quote inside it ("it's") does not end it;
-- any other quoted part is masked to its next quote.
CREATE OR REPLACE TEMP VIEW rpt_rejects AS
SELECT run_id, record_number,
       regexp_replace(regexp_replace(reason, 'cannot read ''.*'' as ', 'cannot read ''…'' as '),
                      '''[^'']*''', '''…''', 'g') AS reason
FROM rejects
