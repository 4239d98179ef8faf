-- The latest run that loaded the same file ($1, its SHA-256) into the
-- same table ($2), and how many runs loaded other files into it since:
-- with none, what the file puts back no later file had changed, and the
-- file is read otherwise this time (another mapping or profile).
SELECT b.run_id,
       (SELECT count(*) FROM ingest_runs r WHERE r.target = $2 AND r.run_id > b.run_id AND r.sha256 <> $1)
FROM (SELECT max(run_id) AS run_id FROM ingest_runs WHERE sha256 = $1 AND target = $2) AS b
