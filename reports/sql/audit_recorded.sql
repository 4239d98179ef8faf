-- What each source records of the fields the completeness table counts,
-- and how many of its complaints have each: a field no complaint of the
-- source in scope has (its export carries no such column, or leaves it
-- blank throughout) is not recorded by it, as a source that records no
-- resolution times is not judged against the resolution target
-- (scope.sql's tracked). The completeness table (audit_completeness.sql,
-- which sums these rows) and its lists of the missing count the sources
-- that record a field only, and name the others with how many complaints
-- they hold (closed: those the resolution is required of): a helpdesk
-- export with no resolution column read "0% complete" (QA pass BJ).
-- rpt_audit.sql copies each complaint's source's into the audit's sorted
-- copy. The resolution date (res_date) is recorded by a source that
-- records resolution times (scope.sql's tracks_res: judged against the
-- resolution target), and required of its closed complaints: one with
-- none, or one before the receipt, is an incomplete record (QA: 30
-- helpdesk tickets closed without a date showed only in a count pooled
-- with the CFPB's, which records none).
CREATE OR REPLACE TEMP TABLE rpt_recorded AS
SELECT *,
       with_type > 0 AS type, with_customer > 0 AS customer, with_details > 0 AS details,
       with_resolution > 0 AS resolution, with_assignee > 0 AS assignee, with_department > 0 AS department,
       tracks_res AS res_date
FROM (
    SELECT source,
           count(*) AS complaints,
           count(*) FILTER (WHERE closed) AS closed,
           count(*) FILTER (WHERE has_type) AS with_type,
           count(*) FILTER (WHERE has_customer) AS with_customer,
           count(*) FILTER (WHERE has_date) AS with_date,
           count(*) FILTER (WHERE has_details) AS with_details,
           count(*) FILTER (WHERE has_resolution) AS with_resolution,
           count(*) FILTER (WHERE closed AND has_resolution) AS closed_with_resolution,
           count(*) FILTER (WHERE closed AND res_eligible) AS closed_with_res_date,
           bool_or(tracks_res) AS tracks_res,
           count(*) FILTER (WHERE has_assignee) AS with_assignee,
           count(*) FILTER (WHERE has_department) AS with_department,
           count(*) FILTER (WHERE has_owner) AS with_owner
    FROM rpt_complaints
    GROUP BY source
)
