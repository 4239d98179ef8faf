package reports

import (
	"context"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/complaints/complaints/classify"
	"github.com/complaints/complaints/metrics"
)

// Complaints of a help desk, 20 a week for 13 weeks from Monday
// 2024-01-01 (weeks 0-12; complaint k of a week on its day k%5, 09:00 + k
// minutes), classified by a model retrained on 2024-03-04 as the QA pass's
// (hd/m/mix.duckdb): jan.model classified weeks 0-8, 180 complaints
// received 2024-01-01 to 2024-03-01, naming the delays "Delays"; mar.model
// weeks 9-12, 80 received 2024-03-04 to 2024-03-29, naming them "Delay".
// Six of each week are "Baggage" by both. Nothing changed in the
// complaints. The report date is Sunday 2024-03-31.
var retrainAsOf = time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC)

const (
	janModel = "classify/1 linear-svm:Helpdesk Category@1+648bcf67"
	marModel = "classify/1 linear-svm:Helpdesk Category@2+8cdcae93"
)

func retrainStatements() []string {
	return []string{
		`INSERT INTO complaints (complaint_id, source, received_at, product, narrative, status, ingest_run_id, row_hash)
		SELECT printf('c%02d-%d', w, k), 'desk', TIMESTAMP '2024-01-01 09:00' + to_days(7 * w + k % 5) + to_minutes(k),
		       'Card', 'my flight', 'open', 1, 100 * w + k
		FROM range(13) a(w), range(20) b(k)`,
		`INSERT INTO classifications (source, complaint_id, topic, department, churn_intent, legal_threat, urgent, model, classified_at)
		SELECT source, complaint_id,
		       CASE WHEN row_hash % 100 < 6 THEN 'Baggage' WHEN received_at < TIMESTAMP '2024-03-04' THEN 'Delays' ELSE 'Delay' END,
		       'Customer Service', false, false, false,
		       CASE WHEN received_at < TIMESTAMP '2024-03-04' THEN '` + janModel + `' ELSE '` + marModel + `' END,
		       CASE WHEN received_at < TIMESTAMP '2024-03-04' THEN TIMESTAMP '2024-03-03' ELSE TIMESTAMP '2024-03-31' END
		FROM complaints`,
	}
}

// TestTopicsOfTwoModels: where the complaints a page shows by topic over
// periods were classified by two models (a model retrained, classify run
// without --all), the page says so next to the topic figures: which
// models, how many complaints each, received when, that their topics are
// different vocabularies, and how to classify them all with one. The QA
// pass's weekly page raised "shift topic Delays" and hid the new "Delay"
// under "(4 other topics)", and only the audit's list of classify runs
// told the two models apart. The trend detector's topic tests across the
// change are left out, and the alerts section says so; the topics are not
// alerted on.
func TestTopicsOfTwoModels(t *testing.T) {
	dir := reportsOf(t, retrainAsOf, retrainStatements()...)
	weekly := html.UnescapeString(readPage(t, dir, "weekly.html"))
	defects := html.UnescapeString(readPage(t, dir, "defects.html"))
	// counted from retrainStatements' comment
	models := []string{
		"linear-svm:Helpdesk Category@1+648bcf67 classified 180 complaints received 2024-01-01 to 2024-03-01",
		"linear-svm:Helpdesk Category@2+8cdcae93 classified 80 complaints received 2024-03-04 to 2024-03-29",
		"different vocabularies",
		"complaints classify --all --model FILE",
	}
	for _, c := range []struct{ page, file, section string }{
		{weekly, "weekly.html", "volume"},
		{defects, "defects.html", "heatmap"},
	} {
		s := sectionOf(c.page, c.section)
		for _, want := range models {
			if !strings.Contains(s, want) {
				t.Errorf("%s section %s lacks %q:\n%s", c.file, c.section, want, s)
			}
		}
	}
	for _, c := range []struct{ page, file, section string }{
		{weekly, "weekly.html", "rates"},
		{weekly, "weekly.html", "this-period"},
		{defects, "defects.html", "recurring"},
		{defects, "defects.html", "defects-summary"},
	} {
		if s := sectionOf(c.page, c.section); !strings.Contains(s, "2 models") {
			t.Errorf("%s section %s does not say its topics are of 2 models:\n%s", c.file, c.section, s)
		}
	}
	alerts := sectionOf(weekly, "alerts")
	if strings.Contains(alerts, "<td dir=\"auto\">topic</td>") {
		t.Errorf("weekly.html alerts on topics across the change of model:\n%s", alerts)
	}
	for _, want := range []string{"Topic tests not made", "2024-03-25", "linear-svm:Helpdesk Category@2+8cdcae93"} {
		if !strings.Contains(alerts, want) {
			t.Errorf("weekly.html alerts lack %q:\n%s", want, alerts)
		}
	}
	if s := sectionOf(weekly, "alerts-summary"); !strings.Contains(s, "Topic tests not made") {
		t.Errorf("weekly.html alerts in brief do not say the topic tests were not made:\n%s", s)
	}

	// The executive page's drivers are of the complaints' topics up to the
	// report date: the drivers passed in, as metrics.Drivers would give
	// them of these topics.
	f := func(x float64) *float64 { return &x }
	var drivers []metrics.Driver
	for _, tp := range []string{"Delays", "Delay"} {
		drivers = append(drivers, metrics.Driver{Metric: "nps", Topic: tp, Responses: 40, Value: f(-30), Without: f(10), Overall: f(5),
			Impact: f(7), Coef: f(-35), CILow: f(-50), CIHigh: f(-20), PValue: f(0.001), Reference: "Baggage"})
	}
	db := openTestDB(t)
	for _, q := range append(retrainStatements(), `INSERT INTO surveys (response_id, source, complaint_id, responded_at, nps, ingest_run_id, row_hash)
		VALUES ('S1', 'desk', 'c00-0', TIMESTAMP '2024-03-20 12:00', 5, 1, 1)`) {
		if _, err := db.ExecContext(context.Background(), q); err != nil {
			t.Fatal(err)
		}
	}
	dir = t.TempDir()
	if err := Write(context.Background(), db, Options{OutDir: dir, AsOf: retrainAsOf,
		Analytics: &Analytics{Tests: 10, Drivers: drivers, Recovery: &metrics.Recovery{}}}); err != nil {
		t.Fatal(err)
	}
	if s := sectionOf(html.UnescapeString(readPage(t, dir, "executive.html")), "drivers-nps"); !strings.Contains(s, models[0]) || !strings.Contains(s, "different vocabularies") {
		t.Errorf("executive.html drivers do not say their topics are of 2 models:\n%s", s)
	}

	// One model: no such note (the fixture's).
	dir = reportsOf(t, retrainAsOf, retrainStatements()[0],
		strings.ReplaceAll(retrainStatements()[1], marModel, janModel))
	weekly = readPage(t, dir, "weekly.html")
	if strings.Contains(weekly, "different vocabularies") || strings.Contains(weekly, "Topic tests not made") {
		t.Errorf("weekly.html of one model says its topics are of two")
	}
}

// TestAuditDefaultDepartment: the audit counts a complaint routed when its
// department is the source's own or its topic's own, and counts apart,
// with their IDs, the complaints that got the taxonomy's default
// department only because their topic names none: the QA pass's airline
// model's 9 labels name no taxonomy topic, classify gave each the default
// department, and the audit read "owner department (source or topic
// routing) 10,236 / 100.0%" though no complaint was routed by its topic.
// Whose department is which is told from the taxonomy each model's topics
// were routed by: the built-in one (a trained model without --taxonomy,
// or the built-in taxonomy's topics), or the file classify_runs keeps. A
// trained model routed by a taxonomy file the warehouse does not keep
// cannot be told: counted as routed, and said.
//
//   - a1, a2: the airline model's "Late Flight", the default department;
//   - s1: the same, but the source names its department: routed;
//   - d1: the built-in taxonomy's billing_error, its own department;
//   - d2: the built-in taxonomy's other, the default department;
//   - o1: a taxonomy file's fees, whose own department is named as the
//     file's default is: routed; o2: its other: the default;
//   - u1: the airline model routed by a taxonomy file not kept;
//   - n1: not classified.
func TestAuditDefaultDepartment(t *testing.T) {
	tax := classify.DefaultTaxonomy()
	def := tax.DefaultDepartment
	billing := tax.Department("billing_error")
	if billing == def {
		t.Fatalf("the built-in taxonomy's billing_error routes to the default department %q: pick another topic", def)
	}
	builtIn := fmt.Sprintf("classify/1 taxonomy:default@%d", tax.Version)
	const (
		airline = "classify/1 linear-svm:issue@1+c4daf6f0"
		ours    = "classify/1 taxonomy:ours@1+0a1b2c3d"
		routed  = "classify/1 linear-svm:issue@1+c4daf6f0 routing:ours@1+0a1b2c3d"
	)
	const oursYAML = `version: 1
default_department: Front desk
topics:
  - name: fees
    department: Front desk
    phrases: [fee]
`
	row := func(id, topic, dept, model string) string {
		return fmt.Sprintf("('desk', '%s', '%s', '%s', false, false, false, '%s', TIMESTAMP '2024-03-30')", id, topic, dept, model)
	}
	dir := reportsOf(t, retrainAsOf,
		`INSERT INTO complaints (complaint_id, source, received_at, customer_id, product, narrative, status, department, ingest_run_id, row_hash)
		SELECT id, 'desk', TIMESTAMP '2024-03-25 09:00', 'C' || id, 'Card', 'text', 'open', CASE WHEN id = 's1' THEN 'Billing' END, 1, hash(id)
		FROM unnest(['a1', 'a2', 's1', 'd1', 'd2', 'o1', 'o2', 'u1', 'n1']) t(id)`,
		`INSERT INTO classifications (source, complaint_id, topic, department, churn_intent, legal_threat, urgent, model, classified_at) VALUES `+
			strings.Join([]string{
				row("a1", "Late Flight", def, airline), row("a2", "Late Flight", def, airline), row("s1", "Late Flight", def, airline),
				row("d1", "billing_error", billing, builtIn), row("d2", classify.TopicOther, def, builtIn),
				row("o1", "fees", "Front desk", ours), row("o2", classify.TopicOther, "Front desk", ours),
				row("u1", "Late Flight", "Airport", routed),
			}, ", "),
		`INSERT INTO classify_runs VALUES (TIMESTAMP '2024-03-30', '`+ours+`', false, 2, 1, '`+strings.ReplaceAll(oursYAML, "'", "''")+`')`)
	sameIDs(t, dir, "audit-missing-owner", "a1", "a2", "d2", "o2", "n1")
	if _, err := os.Stat(filepath.Join(dir, "ids", "audit-default-owner.csv")); err != nil {
		t.Fatalf("no list of the complaints of the default department: %v", err)
	}
	sameIDs(t, dir, "audit-default-owner", "a1", "a2", "d2", "o2")
	sameIDs(t, dir, "audit-routing-unknown", "u1")
	page := html.UnescapeString(readPage(t, dir, "audit.html"))
	s := sectionOf(page, "completeness")
	for _, want := range []string{
		"<td dir=\"auto\">owner department (source or its topic's own)</td>",
		"owner department: the taxonomy's default, for topics it does not name",
		def, "Front desk", "Late Flight",
		"routing:ours@1+0a1b2c3d",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("audit.html completeness lacks %q:\n%s", want, s)
		}
	}
}
