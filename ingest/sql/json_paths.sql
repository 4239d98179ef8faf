-- The member paths of {{.Paths}} (a list of JSON paths, $."fields"."created")
-- that some record of {{.Objects}} has, its value null or not: one pass
-- over the records, whatever the number of paths.
SELECT DISTINCT p
FROM {{.Objects}}, unnest({{.Paths}}::VARCHAR[]) AS t(p)
WHERE json_exists(json, p)
