(SELECT {{.Columns}}
   FROM (SELECT coalesce(json -> '_source', json) AS json
           FROM read_json_objects({{.Path}}, format = 'auto', maximum_object_size = {{.MaxLine}})))
