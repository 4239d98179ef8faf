read_csv({{.Path}}, header = true, delim = {{.Delim}}, quote = '"', escape = {{.Escape}},
         max_line_size = {{.MaxLine}}, buffer_size = {{.Buffer}}, null_padding = false, hive_partitioning = false
         {{- if .Columns}}, strict_mode = true, auto_detect = false, columns = {{.Columns}}{{else}}, strict_mode = false, all_varchar = true{{end}}
         {{- if .SkipLines}}, skip = {{.SkipLines}}{{end}}
         {{- if .Store}}, store_rejects = true, rejects_table = 'ingest_reject_errors', rejects_scan = 'ingest_reject_scans'{{end}}
         {{- if .Skip}}, ignore_errors = true{{end}}
         {{- if or .Store .Skip}}, parallel = false{{end}}
         {{- if .Types}}, types = {{.Types}}{{end}}
         {{- if .DateFormat}}, dateformat = {{.DateFormat}}{{end}})
