-- Each source's share of its complaints that carry each required field
-- (rpt_completeness, audit_completeness_rows.sql): NULL (n/a) where the
-- source does not record the field. audit.go gives a column per source.
SELECT k, field, source, round(100.0 * complete / nullif(required, 0), 1) AS "complete %"
FROM rpt_completeness
ORDER BY k, source
