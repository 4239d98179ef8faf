-- shown_customer(id, kind): a customer ID as the pages and ID lists show
-- it, kind being rpt_pii_kind(id) (customers.go: the placeholder of the
-- first personal data classify's redactor finds in the ID, '[CARD]', NULL
-- for none; the function is registered before the queries that list
-- customers run, after this macro is made). One that is personal data is
-- shown as its kind and the first 12 hex digits of its SHA-256
-- ([EMAIL]#86e0b9e56c17), the same customer always alike; others as they
-- are. ShownCustomer (customers.go) is the same rule in Go, for the IDs
-- the metrics stage gives.
CREATE OR REPLACE TEMP MACRO shown_customer(id, kind) AS
    CASE WHEN kind IS NULL THEN id ELSE kind || '#' || left(sha256(id), 12) END
