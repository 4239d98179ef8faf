(SELECT COLUMNS(*)::VARCHAR FROM read_parquet({{.Path}}))
