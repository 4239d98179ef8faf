-- The scope's complaints flagged as threatening legal action, with their
-- outcome (the resolution recorded, else whether closed, when known) and what it
-- gave: few rows, so these columns are read here rather than kept for
-- every complaint in rpt_scope.
CREATE OR REPLACE TEMP TABLE rpt_legal AS
SELECT r.source, r.complaint_id, r.period, r.res_met, r.is_open,
       coalesce(nullif(c.resolution, ''),
                CASE WHEN r.closed THEN '(closed, no resolution recorded)'
                     WHEN NOT r.closed THEN '(open)'
                     WHEN r.closed_later THEN '(closed in an export after the report date)'
                     ELSE '(open or closed: not recorded)' END) AS outcome,
       c.upheld, c.compensation_amount
FROM rpt_complaints r
JOIN complaints c ON c.source = r.source AND c.complaint_id = r.complaint_id
WHERE r.legal_threat
