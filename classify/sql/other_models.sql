-- The complaints classified by another model than $1, and the first such
-- model by name (warnOtherModels).
SELECT count(*), min(model)
FROM classifications
WHERE model <> $1
