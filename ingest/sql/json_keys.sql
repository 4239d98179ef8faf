-- The keys of the object at {{.Path}} in the records of {{.Objects}}, in
-- order: what a mapping could read there instead of a path none has.
SELECT DISTINCT k
FROM (SELECT unnest(json_keys(json, {{.Path}})) AS k FROM {{.Objects}} WHERE json_type(json, {{.Path}}) = 'OBJECT')
ORDER BY k
LIMIT 13
