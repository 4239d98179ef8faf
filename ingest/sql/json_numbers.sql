-- Whether any of the first {{.N}} objects of a JSON file has a JSON number
-- at {{.Path}} (jsonNumbers): written with a decimal point whatever the
-- export's locale.
SELECT count(*) > 0 FROM (SELECT json FROM {{.Objects}} LIMIT {{.N}})
WHERE json_type(json -> {{.Path}}) IN ('BIGINT', 'UBIGINT', 'DOUBLE', 'HUGEINT')
