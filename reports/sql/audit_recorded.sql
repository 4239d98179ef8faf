-- What each source records of the fields the completeness table counts:
-- a field no complaint of the source in scope has (its export carries no
-- such column, or leaves it blank throughout) is not recorded by it, as a
-- source that records no resolution times is not judged against the
-- resolution target (scope.sql's tracked). The completeness table and its
-- lists of the missing count the sources that record a field only, and
-- name the others with how many complaints they hold (closed: those the
-- resolution is required of): a helpdesk export with no resolution
-- column read "0% complete" (QA pass BJ). rpt_audit.sql copies each
-- complaint's source's into the audit's sorted copy.
CREATE OR REPLACE TEMP TABLE rpt_recorded AS
SELECT source,
       count(*) AS complaints,
       count(*) FILTER (WHERE closed) AS closed,
       coalesce(bool_or(has_type), false) AS type,
       coalesce(bool_or(has_customer), false) AS customer,
       coalesce(bool_or(has_details), false) AS details,
       coalesce(bool_or(has_resolution), false) AS resolution,
       coalesce(bool_or(has_assignee), false) AS assignee,
       coalesce(bool_or(has_department), false) AS department
FROM rpt_complaints
GROUP BY source
