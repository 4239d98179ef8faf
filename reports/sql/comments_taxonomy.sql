-- The taxonomy and model name of the latest classify run (classify_runs):
-- the survey comments are read with that taxonomy when it came from a file
-- (taxonomy not NULL). No row: no run recorded.
SELECT taxonomy, model
FROM classify_runs
ORDER BY classified_at DESC, rowid DESC
LIMIT 1
