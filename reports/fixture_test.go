package reports

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/complaints/complaints/classify"
	"github.com/complaints/complaints/internal/warehouse"
	"github.com/complaints/complaints/internal/warehouse/warehousetest"
)

// openTestDB opens a fresh warehouse in a temporary directory, closed when
// the test ends (after the connections its runs open, which register
// their own cleanups later).
func openTestDB(t testing.TB) *warehouse.DB {
	t.Helper()
	return warehousetest.Open(t, warehouse.Options{})
}

// hostile is complaint text that would run script if any page or chart
// failed to escape it.
const hostile = `</script><img src=x onerror="document.title='PWNED'">`

// fixtureAsOf is the report date of the fixed warehouse: Sunday 2024-03-31,
// so the cutoff is Monday 2024-04-01 00:00 and the latest complete ISO week
// starts Monday 2024-03-25.
var fixtureAsOf = time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC)

type fixtureComplaint struct {
	id, product, issue, company, customer, narrative, status, resolution, department string
	received, firstResponse, resolved                                                string // "2006-01-02 15:04", "" = null
	timely, disputed, upheld                                                         *bool
	reopened                                                                         *int
	compensation                                                                     *float64
	run                                                                              int
	// classification; topic "" = not classified
	topic, topicDepartment, redacted, sentimentLabel string
	sentiment                                        float64
	legal, urgent                                    bool
}

func bp(b bool) *bool { return &b }
func ip(i int) *int   { return &i }

// fixtureComplaints is the fixed warehouse of the golden and figure tests.
//
// 32 generated complaints G-w-k (weeks w = 0..7 from Monday 2024-02-05, day
// k = 0..3 of the week, 10:00): acknowledged after 2 hours, resolved after
// 48 hours, closed with a resolution, timely, not disputed, not reopened,
// department Operations, one customer each. The hand-written H1..H8 then
// exercise each audit rule; the expected figures in figures_test.go are
// counted by hand from these comments.
func fixtureComplaints() []fixtureComplaint {
	var cs []fixtureComplaint
	monday := time.Date(2024, 2, 5, 10, 0, 0, 0, time.UTC)
	products := []string{"Mortgage", "Credit card"}
	topics := []string{"billing", "fees", "service"}
	for w := 0; w < 8; w++ {
		for k := 0; k < 4; k++ {
			at := monday.AddDate(0, 0, 7*w+k)
			cs = append(cs, fixtureComplaint{
				id: fmt.Sprintf("G-%d-%d", w, k), product: products[k%2], issue: "General", company: "Acme Bank",
				customer: fmt.Sprintf("C%02d", w*4+k), narrative: "generated complaint", status: "closed",
				resolution: "Closed with explanation", department: "Operations",
				received: at.Format("2006-01-02 15:04"), firstResponse: at.Add(2 * time.Hour).Format("2006-01-02 15:04"),
				resolved: at.Add(48 * time.Hour).Format("2006-01-02 15:04"),
				timely:   bp(true), disputed: bp(false), reopened: ip(0), run: 1,
				topic: topics[(w+k)%3], topicDepartment: "Billing ops", redacted: fmt.Sprintf("Generated complaint %d about [ACCOUNT].", w*4+k),
				sentimentLabel: []string{"negative", "neutral"}[k%2], sentiment: []float64{-0.5, 0}[k%2],
			})
		}
	}
	cs = append(cs,
		// H1: Friday receipt; 3 business days end Wed 03-06, acknowledged
		// Thu 03-07: missed. Resolved in 7 days: met. Legal threat, upheld,
		// 50 paid, untimely. Repeat customer C-rep.
		fixtureComplaint{id: "H1", product: "Credit card", company: "Acme Bank", customer: "C-rep", narrative: "I will sue",
			status: "closed", resolution: "Closed with monetary relief", received: "2024-03-01 09:00",
			firstResponse: "2024-03-07 09:00", resolved: "2024-03-08 09:00", timely: bp(false), upheld: bp(true),
			compensation: func() *float64 { f := 50.0; return &f }(), run: 1,
			topic: "billing", topicDepartment: "Billing ops", redacted: "I will take [ORG] to court.", sentimentLabel: "negative", sentiment: -0.8, legal: true},
		// H2: Sunday receipt counts from Friday 03-08: due Wed 03-13, never
		// acknowledged: missed. Open, resolution due 05-05: age bucket 2.
		// Hostile product, company and narratives; disputed; legal threat;
		// urgent.
		fixtureComplaint{id: "H2", product: hostile, company: hostile, customer: "C-rep", narrative: hostile,
			status: "open", received: "2024-03-10 12:00", disputed: bp(true), run: 2,
			topic: "billing", topicDepartment: "Billing ops", redacted: hostile, sentimentLabel: "negative", sentiment: -0.9, legal: true, urgent: true},
		// H3: open since 2023-12-01: acknowledgement and resolution (due
		// 2024-01-26) both missed; age bucket 3. No product but an issue
		// (type present), no customer, not classified (no owner), reopened.
		fixtureComplaint{id: "H3", issue: "Late fee", company: "Acme Bank", narrative: "still waiting", status: "open",
			received: "2023-12-01 08:00", reopened: ip(1), run: 1},
		// H4: received Friday 03-29 15:00, due Wed 04-03: not yet due, open,
		// age bucket 1. No narrative (details missing).
		fixtureComplaint{id: "H4", product: "Mortgage", company: "Acme Bank", customer: "C-9", status: "open",
			received: "2024-03-29 15:00", run: 2, topic: "service", topicDepartment: "Servicing", sentimentLabel: "neutral"},
		// H5: closed with no resolution date nor resolution: left out of
		// the resolution rate, resolution missing. Timely, not disputed.
		fixtureComplaint{id: "H5", product: "Mortgage", company: "Acme Bank", customer: "C-5x", narrative: "fees again",
			status: "closed", received: "2024-02-12 09:00", firstResponse: "2024-02-12 10:00", timely: bp(true), disputed: bp(false), run: 1,
			topic: "fees", topicDepartment: "Billing ops", redacted: "Fees again on [ACCOUNT].", sentimentLabel: "negative", sentiment: -0.4},
		// H6: resolved 03-20, after its target 01-15 + 56 days = 03-11:
		// missed. Third complaint of C-rep.
		fixtureComplaint{id: "H6", product: "Mortgage", company: "Acme Bank", customer: "C-rep", narrative: "escrow error",
			status: "closed", resolution: "Closed with explanation", received: "2024-01-15 09:00",
			firstResponse: "2024-01-16 09:00", resolved: "2024-03-20 09:00", run: 1,
			topic: "fees", topicDepartment: "Billing ops", redacted: "Escrow error on [ACCOUNT].", sentimentLabel: "negative", sentiment: -0.3},
		// H7: received after the report date: out of scope everywhere.
		fixtureComplaint{id: "H7", product: "Mortgage", company: "Acme Bank", customer: "C-late", narrative: "late",
			status: "open", received: "2024-04-02 09:00", run: 2, topic: "service", topicDepartment: "Servicing", redacted: "Late."},
		// H8: resolved 04-05, after the report date, so open at it; ack due
		// Sat 03-30 00:00 passed: age bucket 2. Product carries go-echarts'
		// function marker. Urgent, first response in 30 minutes.
		fixtureComplaint{id: "H8", product: "__f__</script>x", company: "Acme Bank", customer: "C-8", narrative: "card declined",
			status: "closed", resolution: "Closed with explanation", received: "2024-03-26 09:00",
			firstResponse: "2024-03-26 09:30", resolved: "2024-04-05 09:00", run: 2,
			topic: "service", topicDepartment: "Servicing", redacted: "Card declined at [ORG].", sentimentLabel: "positive", sentiment: 0.2, urgent: true},
	)
	// U1: the one complaint of a source that records no response or
	// resolution timestamps: closed, complete, not judged against targets.
	u1 := fixtureComplaint{id: "U1", product: "Credit card", issue: "General", company: "Acme Bank", customer: "C-u",
		narrative: "statement wrong", status: "closed", resolution: "Closed with explanation", department: "Operations",
		received: "2024-03-12 11:00", run: 2,
		topic: "service", topicDepartment: "Servicing", redacted: "Statement wrong.", sentimentLabel: "neutral"}
	return append(cs, u1)
}

// source is "untracked" for U1, "fixture" for every other complaint.
func source(id string) string {
	if id == "U1" {
		return "untracked"
	}
	return "fixture"
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// language is the language a fixture classification records: as classify
// writes it, with the redacted narrative and only then.
func language(redacted string) any {
	if redacted == "" {
		return nil
	}
	return "en"
}

func nullTime(s string) any {
	if s == "" {
		return nil
	}
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

// fixtureWarehouse builds the fixed warehouse in a temporary directory and
// returns it opened read-only, as the report command opens it.
func fixtureWarehouse(t testing.TB) *warehouse.DB {
	t.Helper()
	return fixtureWarehouseWith(t)
}

// fixtureWarehouseWith is fixtureWarehouse with the statements extra run
// on it before it is opened read-only.
func fixtureWarehouseWith(t testing.TB, extra ...string) *warehouse.DB {
	t.Helper()
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "fixture.duckdb")
	db, err := warehouse.Open(ctx, file, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(`INSERT INTO ingest_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		1, nullTime("2024-04-01 06:00"), nullTime("2024-04-01 06:01"), "exports/cfpb-2024q1.csv",
		"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "cfpb", "complaints", 40, 37, 0, 2, 1, nil)
	exec(`INSERT INTO ingest_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		2, nullTime("2024-04-06 06:00"), nullTime("2024-04-06 06:00"), hostile+".csv",
		"60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752", "generic", "complaints", 6, 4, 1, 0, 1, "invalid UTF-8 repaired in 1 record")
	exec(`INSERT INTO rejects VALUES (?, ?, ?, ?)`, 1, 7, "raw,record,7", "received_at: unparseable date \"31/02/2024\"")
	exec(`INSERT INTO rejects VALUES (?, ?, ?, ?)`, 2, 2, hostile, "complaint_id: missing")
	for i, c := range fixtureComplaints() {
		var reopened, compensation any
		if c.reopened != nil {
			reopened = *c.reopened
		}
		if c.compensation != nil {
			compensation = *c.compensation
		}
		b := func(p *bool) any {
			if p == nil {
				return nil
			}
			return *p
		}
		exec(`INSERT INTO complaints (complaint_id, source, received_at, channel, customer_id, product, issue, company,
			narrative, status, first_response_at, resolved_at, resolution, upheld, compensation_amount, timely, disputed,
			reopened_count, department, ingest_run_id, row_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.id, source(c.id), nullTime(c.received), "web", nullStr(c.customer), nullStr(c.product), nullStr(c.issue), nullStr(c.company),
			nullStr(c.narrative), nullStr(c.status), nullTime(c.firstResponse), nullTime(c.resolved), nullStr(c.resolution),
			b(c.upheld), compensation, b(c.timely), b(c.disputed), reopened, nullStr(c.department), c.run, uint64(i+1))
		if c.topic == "" {
			continue
		}
		var sentiment any
		if c.sentimentLabel != "" {
			sentiment = c.sentiment
		}
		exec(`INSERT INTO classifications (source, complaint_id, topic, topic_confidence, department, sentiment, sentiment_label,
			churn_intent, legal_threat, urgent, evidence, language, narrative_redacted, model, classified_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			source(c.id), c.id, c.topic, 0.9, nullStr(c.topicDepartment), sentiment, nullStr(c.sentimentLabel),
			false, c.legal, c.urgent, nil, language(c.redacted), nullStr(c.redacted), "fixture-1", nullTime("2024-04-06 07:00"))
	}
	// Surveys: about two responses a week in March, each from the customer
	// of a generated complaint and naming it (S0: C00 about G-0-0, ...,
	// S7: C07 about G-1-3); CSAT 1+i%5, NPS i+2.
	for i := 0; i < 8; i++ {
		at := time.Date(2024, 3, 4+3*i, 12, 0, 0, 0, time.UTC)
		exec(`INSERT INTO surveys (response_id, source, customer_id, complaint_id, responded_at, csat, nps, ingest_run_id, row_hash)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, fmt.Sprintf("S%d", i), "fixture", fmt.Sprintf("C%02d", i), fmt.Sprintf("G-%d-%d", i/4, i%4),
			at, 1+i%5, i+2, 1, uint64(100+i))
	}
	for _, q := range extra {
		exec(q)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	// redact(): the notebook command's SQL has it (openForQueries)
	db, err = warehouse.Open(ctx, file, warehouse.Options{ReadOnly: true, Redact: classify.Redact})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
