read_csv({{.Path}}, header = true, all_varchar = true, delim = {{.Delim}}, quote = '"', escape = '"',
         max_line_size = {{.MaxLine}}, buffer_size = {{.Buffer}}, null_padding = false, strict_mode = false, hive_partitioning = false
         {{- if .Store}}, store_rejects = true, rejects_table = 'ingest_reject_errors', rejects_scan = 'ingest_reject_scans'{{end}}
         {{- if .Skip}}, ignore_errors = true{{end}}
         {{- if or .Store .Skip}}, parallel = false{{end}}
         {{- if .Types}}, types = {{.Types}}{{end}}
         {{- if .DateFormat}}, dateformat = {{.DateFormat}}{{end}})
