-- The latest classify run's model and, when its topics came from a
-- taxonomy file, that file's YAML (classify_runs.taxonomy). Runs of one
-- instant (a fixed clock) are told apart by insertion order.
SELECT model, taxonomy
FROM classify_runs
ORDER BY classified_at DESC, rowid DESC
LIMIT 1
