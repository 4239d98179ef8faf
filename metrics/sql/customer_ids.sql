-- customer_ids.sql: whether any complaint received before the report
-- date's end ($1) names its customer (metrics.CustomerIDsRecorded):
-- without one no customer can carry a churn signal. EXISTS stops at the
-- first.
SELECT EXISTS (FROM complaints WHERE customer_id IS NOT NULL AND received_at < $1)
