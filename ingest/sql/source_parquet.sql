(SELECT COLUMNS(*)::VARCHAR FROM read_parquet({{.Path}}, hive_partitioning = false))
