-- The taxonomy a classify run read its topics from, when it came from a
-- file (classify --taxonomy FILE): the file's YAML as it was read, so the
-- reports can read survey comments as those complaints were read (the
-- executive page's comment topics). NULL for the built-in taxonomy, and for
-- a run whose topics came from a trained model (--model), which the
-- warehouse does not hold.
ALTER TABLE classify_runs ADD COLUMN taxonomy VARCHAR;
