-- The scope's complaints flagged as threatening legal action, with their
-- outcome at the report date (the resolution recorded when closed by then,
-- else whether open or closed, when known) and what it gave: few rows, so
-- these columns are read here rather than kept for every complaint in
-- rpt_scope. A resolution recorded after the report date (a complaint
-- resolved since, or closed in a later export) is no outcome at it: the
-- complaint was open then, or not known closed; so too whether it was
-- upheld and what it paid, recorded with that resolution.
CREATE OR REPLACE TEMP TABLE rpt_legal AS
SELECT r.source, r.complaint_id, r.period, r.res_met, r.is_open,
       CASE WHEN r.closed THEN coalesce(nullif(c.resolution, ''), '(closed, no resolution recorded)')
            WHEN NOT r.closed THEN '(open)'
            WHEN r.closed_later THEN '(closed in an export after the report date)'
            ELSE '(open or closed: not recorded)' END AS outcome,
       CASE WHEN r.closed THEN c.upheld END AS upheld,
       CASE WHEN r.closed THEN c.compensation_amount END AS compensation_amount
FROM rpt_complaints r
JOIN complaints c ON c.source = r.source AND c.complaint_id = r.complaint_id
WHERE r.legal_threat
