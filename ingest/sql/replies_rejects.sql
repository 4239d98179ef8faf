-- A reply that counts as a response is no reject; one that cannot says why.
DELETE FROM rejects
WHERE run_id = {{.RunID}} AND record_number IN (SELECT rec FROM ingest_replies WHERE why IS NULL);

UPDATE rejects
SET reason = 'record ' || record_number || ', ' || r.why
FROM ingest_replies r
WHERE rejects.run_id = {{.RunID}} AND rejects.record_number = r.rec AND r.why IS NOT NULL;
