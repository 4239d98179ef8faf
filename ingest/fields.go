package ingest

import "fmt"

// fieldType is how a canonical field's text is converted.
type fieldType int

const (
	tText fieldType = iota
	tTimestamp
	tBool
	tInt
	tFloat
)

func (t fieldType) sqlType() string {
	switch t {
	case tTimestamp:
		return "TIMESTAMP"
	case tBool:
		return "BOOLEAN"
	case tInt:
		return "INTEGER"
	case tFloat:
		return "DOUBLE"
	}
	return "VARCHAR"
}

// field is one canonical column of a target table.
type field struct {
	name     string
	typ      fieldType
	required bool
	long     bool    // free text that may run to megabytes: not trimmed
	happened bool    // a timestamp of something that has happened: not in the future
	id       bool    // a complaint's, customer's or survey response's ID: "3.0" is "3" (intID)
	min, max float64 // inclusive range for numeric fields when max > min
}

// table describes a target table of the canonical schema. Its names are
// fixed identifiers of this package, never taken from input.
type table struct {
	name   string
	key    []string // natural key; the merge matches on it
	fields []field  // in table order, without extra, ingest_run_id, row_hash
}

var tables = map[string]*table{
	"complaints": {
		name: "complaints",
		key:  []string{"source", "complaint_id"},
		fields: []field{
			{name: "complaint_id", required: true, id: true},
			{name: "source", required: true},
			{name: "received_at", typ: tTimestamp, required: true, happened: true},
			{name: "channel"}, {name: "customer_id", id: true}, {name: "product"}, {name: "sub_product"},
			{name: "issue"}, {name: "sub_issue"}, {name: "company"}, {name: "region"},
			{name: "narrative", long: true}, {name: "status"},
			{name: "first_response_at", typ: tTimestamp, happened: true},
			{name: "resolved_at", typ: tTimestamp, happened: true},
			{name: "resolution"},
			{name: "upheld", typ: tBool},
			{name: "compensation_amount", typ: tFloat, min: 0, max: 1e12},
			{name: "timely", typ: tBool},
			{name: "disputed", typ: tBool},
			{name: "reopened_count", typ: tInt, min: 0, max: 1e6},
			{name: "assignee"}, {name: "department"},
		},
	},
	"surveys": {
		name: "surveys",
		key:  []string{"source", "response_id"},
		fields: []field{
			{name: "response_id", required: true, id: true},
			{name: "source", required: true},
			{name: "customer_id", id: true}, {name: "complaint_id", id: true},
			{name: "responded_at", typ: tTimestamp, required: true, happened: true},
			{name: "csat", typ: tInt, min: 1, max: 5},
			{name: "nps", typ: tInt, min: 0, max: 10},
			{name: "ces", typ: tInt, min: 1, max: 7},
			{name: "comment", long: true},
		},
	},
	"customers": {
		name: "customers",
		key:  []string{"customer_id"},
		fields: []field{
			{name: "customer_id", required: true, id: true},
			{name: "segment"},
			// a contract may start, or a cancellation take effect, later
			{name: "since", typ: tTimestamp},
			{name: "churned_at", typ: tTimestamp},
		},
	},
}

func (t *table) field(name string) (field, bool) {
	for _, f := range t.fields {
		if f.name == name {
			return f, true
		}
	}
	return field{}, false
}

func lookupTable(name string) (*table, error) {
	t, ok := tables[name]
	if !ok {
		return nil, fmt.Errorf("unknown target %q (want complaints, surveys or customers)", name)
	}
	return t, nil
}
