package reports

import (
	"crypto/sha256"
	"database/sql/driver"
	"encoding/hex"
	"fmt"
	"regexp"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/complaints/complaints/classify"
)

// ShownCustomer is a customer ID as the pages and ID lists show it: one
// that classify's redactor would alter anywhere is personal data (an
// e-mail address, spelled out too, a phone number, a card number, an SSN,
// an account number, an IBAN...), shown as the type of the first
// placeholder the redactor gives it (piiKind) and the first 12 hex digits
// of its SHA-256, the same customer always alike (`complaints sql` finds
// it: left(sha256(customer_id), 12)); others as they are. The rule of
// sql/shown_customer.sql, which the SQL that lists customers calls with
// rpt_pii_kind, this package's piiKind; `complaints metrics --churn`
// shows its customers so too.
func ShownCustomer(id string) string {
	kind := piiKind(id)
	if kind == "" {
		return id
	}
	sum := sha256.Sum256([]byte(id))
	return kind + "#" + hex.EncodeToString(sum[:6])
}

// piiKind is the placeholder of the first personal data classify's
// redactor finds in s (classify.FirstPII), "[CARD]"; "" when it finds
// none.
//
// An ID of ASCII digits alone is no personal data by its form, though the
// redactor takes 8 digits or more in text for an account number, and 10
// or 11 for a phone number: it is the source's own customer number (a
// helpdesk's requester IDs, Zendesk's of 12 digits, SAP's of 10), which
// staff look the customer up by; a card number, the whole ID, is still a
// [CARD], Luhn-checked.
func piiKind(s string) string {
	kind, whole := classify.FirstPII(s)
	if kind == "" || digitsOnly(s) && !(whole && kind == classify.PIICard) {
		return ""
	}
	return "[" + kind + "]"
}

// isPseudonym reports whether a shown customer ID is ShownCustomer's
// pseudonym.
func isPseudonym(shown string) bool {
	return pseudonymID.MatchString(shown)
}

var pseudonymID = regexp.MustCompile(`^\[[A-Z]+\]#[0-9a-f]{12}$`)

// customerNote says, under a table of customers, how personal IDs are
// shown.
const customerNote = "A customer ID that is personal data, by the rule the complaint text is redacted by (an e-mail address, a phone number, a card or social security number, an IBAN...; an ID of digits alone is the source's customer number, shown as it is unless a card's), is shown as the type of the first such data in it and the first 12 hex digits of its SHA-256 ([EMAIL]#86e0b9e56c17: left(sha256(customer_id), 12) in `complaints sql` finds it)."

// piiKindFunc is piiKind as the SQL function rpt_pii_kind(VARCHAR) ->
// VARCHAR: NULL for none, and for NULL.
type piiKindFunc struct{}

func (piiKindFunc) Config() duckdb.ScalarFuncConfig {
	varchar, err := duckdb.NewTypeInfo(duckdb.TYPE_VARCHAR)
	if err != nil {
		panic("reports: " + err.Error()) // VARCHAR always has a type
	}
	return duckdb.ScalarFuncConfig{InputTypeInfos: []duckdb.TypeInfo{varchar}, ResultTypeInfo: varchar}
}

func (piiKindFunc) Executor() duckdb.ScalarFuncExecutor {
	return duckdb.ScalarFuncExecutor{RowExecutor: func(values []driver.Value) (any, error) {
		if kind := piiKind(values[0].(string)); kind != "" {
			return kind, nil
		}
		return nil, nil
	}}
}

// registerPIIKind makes piiKind the SQL function rpt_pii_kind, which the
// queries that list customers give shown_customer (sql/shown_customer.sql):
// the redactor is Go, and the warehouse's own redact() is there only for
// the commands that run a user's SQL. DuckDB keeps a function in the
// database's catalog, not the connection's: a later run registers it
// again, in its place.
func (r *run) registerPIIKind() error {
	if err := duckdb.RegisterScalarUDF(r.conn, "rpt_pii_kind", piiKindFunc{}); err != nil {
		return fmt.Errorf("function rpt_pii_kind: %w", err)
	}
	return nil
}

// digitsOnly reports whether s is one or more ASCII digits and nothing else.
func digitsOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
