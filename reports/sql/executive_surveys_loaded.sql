-- The survey responses the warehouse holds, whatever their date, and the
-- first one's: what the executive page says when none was received by the
-- report date (noSurveys).
SELECT count(*), min(responded_at) FROM surveys
