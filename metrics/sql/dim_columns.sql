-- dim_columns.sql: the values of the dimensions a complaint is grouped
-- by, from complaints c and its classification k (a row of nulls when
-- unclassified), at compute.sql's two /*DIM_COLUMNS*/ markers: ck's rows
-- and carry's count of the rows the Since filter leaves out must group
-- alike. Each line ends with a comma.
coalesce(k.topic, 'unclassified') AS topic,
coalesce(c.product, 'unknown') AS product,
coalesce(c.issue, 'unknown') AS issue,
coalesce(c.channel, 'unknown') AS channel,
coalesce(c.company, 'unknown') AS company,
-- the complaint's own owner, else the one its topic routes to
coalesce(c.department, k.department, 'unclassified') AS department,
coalesce(c.region, 'unknown') AS region,
coalesce(k.language, 'unclassified') AS language,
