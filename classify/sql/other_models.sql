-- The complaints classified by another model than $1, the first such
-- model by name, and how many such models there are (readOtherModels).
SELECT count(*), min(model), count(DISTINCT model)
FROM classifications
WHERE model <> $1
