-- shown_customer(id): a customer ID as the pages and ID lists show it. One
-- that is personal data, an e-mail address (an @ with a dot after it) or
-- an international phone number (a +, then digits and separators only,
-- eight digits or more), is shown as its type and the first 12 hex digits
-- of its SHA-256 ([EMAIL]#86e0b9e56c17), the same customer always alike;
-- others as they are. shownCustomer (customers.go) is the same rule in Go,
-- for the IDs the metrics stage gives.
CREATE OR REPLACE TEMP MACRO shown_customer(id) AS
    CASE WHEN id LIKE '%@%.%' THEN '[EMAIL]#' || left(sha256(id), 12)
         WHEN regexp_full_match(id, '\+[0-9 ().-]+') AND length(regexp_replace(id, '[^0-9]', '', 'g')) >= 8
             THEN '[PHONE]#' || left(sha256(id), 12)
         ELSE id END
