-- The sources' rows of rpt_recorded (audit_recorded.sql), which the
-- completeness table's "not recorded by" column names.
SELECT * FROM rpt_recorded ORDER BY source
