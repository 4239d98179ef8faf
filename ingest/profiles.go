package ingest

import (
	"fmt"
	"strings"
)

// cfpbDateLayouts covers the CFPB exports: ISO dates (today's CSV and the
// API), the website's MM/DD/YY and the older M/D/YYYY. Two-digit years are
// tried first because %Y would read "16" as the year 16.
var cfpbDateLayouts = strList{"%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%m/%d/%y", "%m/%d/%Y"}

// cfpbFields lists, for each canonical field, the CFPB column names that
// carry it in the current CSV, the snake_case layout and the API JSON.
var cfpbFields = []struct {
	fields []string
	names  []string
}{
	{[]string{"complaint_id"}, []string{"Complaint ID", "complaint_id"}},
	{[]string{"received_at"}, []string{"Date received", "date_received"}},
	{[]string{"product"}, []string{"Product", "product"}},
	{[]string{"sub_product"}, []string{"Sub-product", "sub_product"}},
	{[]string{"issue"}, []string{"Issue", "issue"}},
	{[]string{"sub_issue"}, []string{"Sub-issue", "sub_issue"}},
	{[]string{"narrative"}, []string{"Consumer complaint narrative", "consumer_complaint_narrative", "complaint_what_happened"}},
	{[]string{"company"}, []string{"Company", "company"}},
	{[]string{"region"}, []string{"State", "state"}},
	{[]string{"channel"}, []string{"Submitted via", "submitted_via"}},
	{[]string{"resolution", "status"}, []string{"Company response to consumer", "company_response_to_consumer", "company_response"}},
	{[]string{"timely"}, []string{"Timely response?", "timely_response", "timely"}},
	{[]string{"disputed"}, []string{"Consumer disputed?", "consumer_disputed?", "consumer_disputed"}},
}

// isCFPB reports whether a header is one of the CFPB layouts.
func isCFPB(header []string) bool {
	h := headerSet(header)
	return (h["Complaint ID"] && h["Date received"]) || (h["complaint_id"] && h["date_received"] && h["product"])
}

// cfpbMapping builds the CFPB mapping for the columns actually present.
// "Date sent to company" is the CFPB forwarding the complaint, not a
// response, so it stays in extra with the other unmapped columns.
func cfpbMapping(header []string) *Mapping {
	h := headerSet(header)
	m := &Mapping{
		Target:  "complaints",
		Source:  "cfpb",
		Columns: map[string]strList{},
		Dates:   map[string]strList{"received_at": cfpbDateLayouts},
		Values: map[string]map[string]string{
			"status":   {"in progress": "open", "*": "closed"},
			"disputed": {"n/a": ""},
		},
		name: "cfpb",
	}
	for _, f := range cfpbFields {
		for _, n := range f.names {
			if h[n] {
				m.Columns[n] = append(strList(nil), f.fields...)
				break
			}
		}
	}
	return m
}

// canonicalMapping maps every column named like a canonical field of the
// target to that field; the target is decided by the columns present.
func canonicalMapping(header []string) (*Mapping, error) {
	h := headerSet(header)
	var target string
	switch {
	case h["complaint_id"] && h["received_at"]:
		target = "complaints"
	case h["response_id"] || ((h["nps"] || h["csat"] || h["ces"]) && !h["narrative"]):
		target = "surveys"
	case h["customer_id"] && (h["segment"] || h["since"] || h["churned_at"]):
		target = "customers"
	default:
		return nil, fmt.Errorf("canonical profile: header has none of complaint_id+received_at, response_id/nps/csat, customer_id+segment/since/churned_at")
	}
	t := tables[target]
	m := &Mapping{Target: target, Columns: map[string]strList{}, name: "canonical"}
	for _, f := range t.fields {
		if h[f.name] {
			m.Columns[f.name] = strList{f.name}
		}
	}
	// A warehouse's export carries the load that wrote each row: which
	// run, and the hash of its content. Both are this warehouse's to set,
	// not data of the complaint.
	for _, c := range []string{"ingest_run_id", "row_hash"} {
		if h[c] {
			m.ignore = append(m.ignore, c)
		}
	}
	return m, nil
}

// chooseMapping returns the mapping for a file: the mapping file if given,
// else the named profile, else the profile detected from the header.
func chooseMapping(profile string, mapping *Mapping, header []string) (*Mapping, string, error) {
	if mapping != nil {
		if profile != "" && profile != "generic" {
			return nil, "", fmt.Errorf("--mapping goes with the generic profile, not %q", profile)
		}
		return mapping, "generic", nil
	}
	switch profile {
	case "cfpb":
		if !isCFPB(header) {
			return nil, "", fmt.Errorf("profile cfpb: header has neither \"Complaint ID\"+\"Date received\" nor complaint_id+date_received+product")
		}
		return cfpbMapping(header), "cfpb", nil
	case "canonical":
		m, err := canonicalMapping(header)
		return m, "canonical", err
	case "":
		if isCFPB(header) {
			return cfpbMapping(header), "cfpb", nil
		}
		if m, err := canonicalMapping(header); err == nil {
			return m, "canonical", nil
		}
		return nil, "", fmt.Errorf("cannot tell the profile from the header (%s): name one with --profile, or give --mapping", strings.Join(truncate(header, 8), ", "))
	case "generic":
		return nil, "", fmt.Errorf("profile generic needs --mapping FILE")
	case "zendesk", "freshdesk", "survey":
		return nil, "", fmt.Errorf("profile %s has no built-in mapping yet: use --mapping FILE (see testdata/mappings)", profile)
	}
	return nil, "", fmt.Errorf("unknown profile %q (want canonical, cfpb or generic)", profile)
}

func headerSet(header []string) map[string]bool {
	h := make(map[string]bool, len(header))
	for _, c := range header {
		h[c] = true
	}
	return h
}

func truncate(s []string, n int) []string {
	if len(s) > n {
		return append(append([]string(nil), s[:n]...), "...")
	}
	return s
}
