-- Remove the current classifications of the complaints of one batch.
DELETE FROM classifications
WHERE (source, complaint_id) IN (SELECT source, complaint_id FROM %s)
