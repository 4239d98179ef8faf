-- The taxonomies classify_runs keeps (the YAML of a run whose topics came
-- from a file), each with the model stamp of its run, the latest run
-- first: the one models.go reads a stamp's departments from.
SELECT model, taxonomy
FROM classify_runs
WHERE taxonomy IS NOT NULL
ORDER BY classified_at DESC, rowid DESC
