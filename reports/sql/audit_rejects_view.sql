-- The rejected records' reasons with the source value each may quote
-- written '…': the value is unredacted source text ("cannot read
-- 'call me 555-867-5309' as timestamp"), which the rejects table keeps
-- and no report shows. Only the values are masked, where ingest's reasons
-- quote them; the rest of a reason is kept whole: masking every quoted
-- part took the apostrophes of "the column's dates" and "a mapping's
-- dates" for quotes, and lost the advice between them (QA pass BH).
-- The shapes (ingest/build.go's checks, ingest/sql/replies.sql's):
--   cannot read '<value>' as <type>...
--   : '<value>' ends in the zone abbreviation '<abbreviation>', ...
--     (the abbreviation, letters only, is kept: what the reason is about)
--   : '<reply ID>' is a reply of this file, not a complaint
--   no complaint of source '<source>' has ID '<value>'
--     [, which reply '<value>' of this file answers]
--   , before complaint '<ID>' was received (...
--   field <name>: '<value>' is not kept by the mapping | : <the profile's why>
-- A value may hold a quote, a line end ((?s): . matches it) or the words
-- that follow it: each ends at the last place its shape's words follow
-- (.* is greedy), as the text after it, ingest's own, holds them nowhere.
CREATE OR REPLACE TEMP VIEW rpt_rejects AS
SELECT run_id, record_number,
       regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(reason,
           '(?s)cannot read ''.*'' as ', 'cannot read ''…'' as '),
           '(?s): ''.*'' ends in the zone abbreviation ''', ': ''…'' ends in the zone abbreviation '''),
           '(?s): ''.*'' is a reply of this file, not a complaint$', ': ''…'' is a reply of this file, not a complaint'),
           '(?s) has ID ''.*'', which reply ''.*'' of this file answers$', ' has ID ''…'', which reply ''…'' of this file answers'),
           '(?s) has ID ''.*''$', ' has ID ''…'''),
           '(?s), before complaint ''.*'' was received \(', ', before complaint ''…'' was received ('),
           '(?s): ''.*'' is not kept( by the mapping$|: )', ': ''…'' is not kept\1') AS reason
FROM rejects
