// Package demo writes the seeded, clearly labelled synthetic demo data of
// testdata/demo/synthetic: helpdesk complaints (source "synthetic-helpdesk")
// with response and resolution times, survey responses (CSAT, NPS, CES)
// linked to them, and customers with churn dates, as canonical-profile CSV.
//
// The model is a small simulation (see Generate) whose outcomes depend on
// the service given, so that the metrics, churn signals and service-recovery
// comparison have real structure to find. The same Options always give the
// same bytes; TestCommittedFiles checks the committed files against a fresh run.
package demo

//go:generate go run ./cmd -out ../../../testdata/demo/synthetic
