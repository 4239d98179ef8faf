(SELECT {{.Columns}} FROM {{.Objects}})
