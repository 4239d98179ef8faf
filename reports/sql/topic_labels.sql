-- The taxonomies of the classify runs whose model made the
-- classifications kept (labels.go), the latest run first: its YAML when
-- its topics came from a file, NULL for the built-in taxonomy or a trained
-- model (the model name tells them apart).
SELECT taxonomy, model
FROM classify_runs
WHERE model IN (SELECT DISTINCT model FROM classifications)
ORDER BY classified_at DESC, rowid DESC
