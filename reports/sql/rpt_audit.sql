-- The columns the audit report's ID lists select by, for every complaint
-- of the scope, stored sorted by ID (see sortedCopy in ids.go): several
-- lists hold nearly every complaint, and sorting each cost a full sort.
CREATE OR REPLACE TEMP TABLE rpt_audit AS
SELECT source, complaint_id, period,
       ack_eligible, ack_met, res_eligible, res_met, is_open, closed, closed_undated,
       tracks_ack, tracks_res, timely, disputed, reopened, legal_threat, age_bucket,
       has_type, has_customer, has_date, has_details, has_resolution, has_owner
FROM rpt_complaints
ORDER BY source, complaint_id
