(SELECT COLUMNS(*)::VARCHAR FROM (SELECT *{{if .Replace}} REPLACE ({{.Replace}}){{end}} FROM read_parquet({{.Path}}, hive_partitioning = false)))
