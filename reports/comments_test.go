package reports

import (
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/complaints/complaints/metrics/trend"
)

// TestCommentsSection: the executive page says what survey comments are
// about. The fixture's responses S0-S7 have NPS 2-9 (fixtureWarehouse);
// comments are added to them and two responses more, so that the
// detractors (NPS 0-6) wrote S0 and S2 about waiting on hold (wait_times),
// S1 about a double charge (billing_error), S4 (NPS 6) about an app
// crashing (product_defect) and S8 in Portuguese (not English: other); S3's
// comment is blank and S6 has none (neither counts); S5 (NPS 7) is passive; the
// promoters (9-10) wrote S7 about a double charge and S9 thanks for
// friendly help (staff_behaviour); T1 has a CSAT and no NPS, beside NPS
// answers: in no group. So 9 scored comments: detractors 5, promoters 2,
// passive 1. The topics are named by the labels of the built-in taxonomy
// the comments are read with ("Wait times and unreachable support
// (wait_times)"), though the fixture's complaints' model (fixture-1) labels
// none: the telecom NPS verbatims, surveys alone, showed bare names.
func TestCommentsSection(t *testing.T) {
	page, dir := pageWith(t, "executive.html",
		`UPDATE surveys SET comment = 'I waited two hours on hold and nobody answered the phone.' WHERE response_id = 'S0'`,
		`UPDATE surveys SET comment = 'I was charged twice on my bill.' WHERE response_id = 'S1'`,
		`UPDATE surveys SET comment = 'Still on hold after an hour, the wait is ridiculous.' WHERE response_id = 'S2'`,
		`UPDATE surveys SET comment = '   ' WHERE response_id = 'S3'`,
		`UPDATE surveys SET comment = 'The app keeps crashing.' WHERE response_id = 'S4'`,
		`UPDATE surveys SET comment = 'ok' WHERE response_id = 'S5'`,
		`UPDATE surveys SET comment = 'They billed me twice this month.' WHERE response_id = 'S7'`,
		`INSERT INTO surveys (response_id, source, responded_at, nps, csat, comment, ingest_run_id, row_hash) VALUES
			('S8', 'fixture', TIMESTAMP '2024-03-20 09:00', 0, NULL, 'Fiquei esperando duas horas e ninguém me atendeu.', 1, 200),
			('S9', 'fixture', TIMESTAMP '2024-03-21 09:00', 10, NULL, 'Quick and friendly help, thank you.', 1, 201),
			('T1', 'fixture', TIMESTAMP '2024-03-22 09:00', NULL, 1, 'The app keeps crashing.', 1, 202)`)
	for _, want := range []string{
		// the top topic (other aside), with both groups' shares
		"The comments of detractors in the 18 weeks shown speak most often of Wait times and unreachable support (wait_times) (2 of 5, 40%; promoters 0%).",
		"The 9 survey responses with a comment received in the 18 weeks shown",
		"5 of the detractors (NPS 0-6), 2 of the promoters (NPS 9-10) and 1 of the passives (NPS 7-8); 1 response with a CSAT and no NPS, in no group.",
		// rows: topic, detractors, share, promoters, share, difference, p
		// (2 of 5 against 0 of 2: z = 0.4 / sqrt(2/7 * 5/7 * (1/5 + 1/2)) = 1.058, p = 0.290)
		`<tr><td dir="auto">Wait times and unreachable support (wait_times)</td><td class="num">2</td><td class="num">40.0</td><td class="num">0</td><td class="num">0.0</td><td class="num">40.0</td><td class="num">0.290</td>`,
		`<tr><td dir="auto">Billing and payment errors (billing_error)</td><td class="num">1</td><td class="num">20.0</td><td class="num">1</td><td class="num">50.0</td><td class="num">-30.0</td>`,
		`<tr><td dir="auto">Product defect and quality (product_defect)</td><td class="num">1</td><td class="num">20.0</td><td class="num">0</td>`,
		`<tr><td dir="auto">Staff behaviour and service quality (staff_behaviour)</td><td class="num">0</td><td class="num">0.0</td><td class="num">1</td><td class="num">50.0</td><td class="num">-50.0</td>`,
		`<tr><td dir="auto">other</td><td class="num">1</td><td class="num">20.0</td><td class="num">0</td><td class="num">0.0</td>`,
		`href="ids/executive-comments.csv"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("executive.html does not contain %q", want)
		}
	}
	// other (nothing recognised) comes last, after the topics named
	if i, j := strings.Index(page, "<td dir=\"auto\">Staff behaviour and service quality (staff_behaviour)</td>"), strings.Index(page, "<td dir=\"auto\">other</td>"); i < 0 || j < i {
		t.Errorf("other is not after staff_behaviour (%d, %d)", i, j)
	}
	got := readCSV(t, filepath.Join(dir, "ids", "executive-comments.csv"))
	want := [][]string{{"source", "response_id", "group", "topic"},
		{"fixture", "S0", "detractors (NPS 0-6)", "wait_times"},
		{"fixture", "S1", "detractors (NPS 0-6)", "billing_error"},
		{"fixture", "S2", "detractors (NPS 0-6)", "wait_times"},
		{"fixture", "S4", "detractors (NPS 0-6)", "product_defect"},
		{"fixture", "S5", "passives (NPS 7-8)", "other"},
		{"fixture", "S7", "promoters (NPS 9-10)", "billing_error"},
		{"fixture", "S8", "detractors (NPS 0-6)", "other"},
		{"fixture", "S9", "promoters (NPS 9-10)", "staff_behaviour"},
		{"fixture", "T1", "no NPS (CSAT only)", "product_defect"},
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("executive-comments.csv:\n got %q\nwant %q", got, want)
	}
}

// TestTwoProportionP: 45 of 100 against 30 of 100, pooled share 0.375,
// z = 0.15 / sqrt(0.375 * 0.625 * 0.02) = 2.191, p = erfc(2.191 / sqrt 2)
// = 0.02846 (computed by hand from the textbook formula).
func TestTwoProportionP(t *testing.T) {
	if p := twoProportionP(45, 100, 30, 100); math.Abs(p-0.02846) > 1e-4 {
		t.Errorf("p = %.5f, want 0.02846", p)
	}
	for _, c := range [][4]int{{0, 0, 3, 10}, {3, 10, 0, 0}, {0, 10, 0, 10}, {10, 10, 5, 5}} {
		if p := twoProportionP(c[0], c[1], c[2], c[3]); p != 1 {
			t.Errorf("twoProportionP%v = %v, want 1 (an empty group, or a pooled share of 0 or 1)", c, p)
		}
	}
}

// TestCommentsSectionCSAT: with no NPS on any commented response the
// groups are CSAT's: S0 (CSAT 1) about waiting on hold and S7 (CSAT 3)
// about a fault still not fixed are not satisfied (1-3), S3 (CSAT 4)
// praising friendly help satisfied (4-5); there is no third group. The
// fault not fixed is not_resolved, not the staff_behaviour of the
// friendly help (taxonomy version 9: before it the two comments fell in
// one topic and the groups read alike on it). wait_times and not_resolved
// are named once each by the not satisfied and never by the satisfied:
// the tie goes to the first by name.
func TestCommentsSectionCSAT(t *testing.T) {
	page, _ := pageWith(t, "executive.html",
		`UPDATE surveys SET nps = NULL`,
		`UPDATE surveys SET comment = 'I waited two hours on hold and nobody answered the phone.' WHERE response_id = 'S0'`,
		`UPDATE surveys SET comment = 'Helpful and friendly.' WHERE response_id = 'S3'`,
		`UPDATE surveys SET comment = 'Still not fixed.' WHERE response_id = 'S7'`)
	for _, want := range []string{
		"The comments of customers not satisfied in the 18 weeks shown speak most often of Problem not resolved (not_resolved) (1 of 2, 50%; satisfied customers 0%).",
		"2 of the not satisfied (CSAT 1-3) and 1 of the satisfied (CSAT 4-5).",
		`<tr><td dir="auto">Problem not resolved (not_resolved)</td><td class="num">1</td><td class="num">50.0</td><td class="num">0</td><td class="num">0.0</td>`,
		`<tr><td dir="auto">Staff behaviour and service quality (staff_behaviour)</td><td class="num">0</td><td class="num">0.0</td><td class="num">1</td><td class="num">100.0</td>`,
		`<tr><td dir="auto">Wait times and unreachable support (wait_times)</td><td class="num">1</td><td class="num">50.0</td><td class="num">0</td><td class="num">0.0</td>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("executive.html does not contain %q", want)
		}
	}
}

// TestSci: probabilities as the tables print them; one that underflowed
// to 0 (the demo's NPS of resolved complainants against customers with
// no complaint, z = -9.02, printed "0.00e+00") is no probability of 0.
func TestSci(t *testing.T) {
	for p, want := range map[float64]string{0.5: "0.500", 0.0123: "0.0123", 0.00042: "4.20e-04", 1e-300: "1.00e-300", 0: "< 1e-300"} {
		if got := trend.FormatP(p); got != want {
			t.Errorf("trend.FormatP(%g) = %q, want %q", p, got, want)
		}
	}
}

// TestCommentsTaxonomy: survey comments are read with the taxonomy of the
// latest classify run when it came from a file (classify_runs.taxonomy),
// so they share the complaints' topics: a taxonomy of one topic, on_hold,
// finds S0's and S2's waits on hold and leaves the rest other. After a run
// whose topics came from a trained model, the page says it fell back to
// the built-in taxonomy, and why.
func TestCommentsTaxonomy(t *testing.T) {
	const yaml = "version: 3\ntopics:\n  - name: on_hold\n    department: Contact Centre\n    phrases: [\"on hold\"]\n"
	comments := []string{
		`UPDATE surveys SET comment = 'I waited two hours on hold and nobody answered the phone.' WHERE response_id = 'S0'`,
		`UPDATE surveys SET comment = 'I was charged twice on my bill.' WHERE response_id = 'S1'`,
		`UPDATE surveys SET comment = 'Still on hold after an hour, the wait is ridiculous.' WHERE response_id = 'S2'`,
	}
	page, dir := pageWith(t, "executive.html", append(comments,
		`INSERT INTO classify_runs (classified_at, model, all_complaints, classified, through_ingest_run, taxonomy)
			VALUES (TIMESTAMP '2024-03-01', 'classify/1 taxonomy:default@5', false, 1, 1, NULL),
			       (TIMESTAMP '2024-03-02', 'classify/1 taxonomy:ours@3', true, 1, 1, '`+yaml+`')`)...)
	if !strings.Contains(page, "(the taxonomy ours@3 of the latest classify run; text not in English is topic other)") {
		t.Error("executive.html does not name the taxonomy the comments were read with")
	}
	got := readCSV(t, filepath.Join(dir, "ids", "executive-comments.csv"))
	topics := map[string]string{}
	for _, row := range got[1:] {
		topics[row[1]] = row[3]
	}
	if topics["S0"] != "on_hold" || topics["S2"] != "on_hold" || topics["S1"] != "other" {
		t.Errorf("comment topics S0, S1, S2 = %s, %s, %s; want on_hold, other, on_hold (the run's taxonomy)", topics["S0"], topics["S1"], topics["S2"])
	}

	page, _ = pageWith(t, "executive.html", append(comments,
		`INSERT INTO classify_runs (classified_at, model, all_complaints, classified, through_ingest_run, taxonomy)
			VALUES (TIMESTAMP '2024-03-02', 'classify/1 logreg:product@1', true, 1, 1, NULL)`)...)
	if !strings.Contains(page, "the default taxonomy: the latest classify run took its topics from a trained model, which the warehouse does not hold") {
		t.Error("executive.html does not say the comments fell back to the default taxonomy after a model run")
	}
}

// TestCommentsSummaryMany: when more than three topics are named more by
// the low group beyond chance, the summary says how many and that the
// table has the rest (it named three as if they were all: the telecom NPS
// comments had six). Hand-made topics; "other" and a topic beyond chance
// the other way are left out.
func TestCommentsSummaryMany(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	topic := func(name string, low int, diff, q float64) *commentTopic {
		return &commentTopic{topic: name, low: low, high: 1, lowShare: f(40), highShare: f(40 - diff), diff: f(diff), q: q}
	}
	topics := []*commentTopic{
		topic("wait_times", 50, 11.2, 0.001), topic("billing_error", 20, 3.4, 0.001), topic("product_defect", 30, 5.3, 0.001),
		topic("refund_return", 5, 0.8, 0.03), topic("installation_setup", 40, 7.3, 0.001), topic("delivery_delay", 9, 3.0, 0.001),
		topic("staff_behaviour", 8, -4, 0.001), topic("cards", 3, 2, 0.2),
	}
	got := commentsSummary(npsGroups, topics, 100, "26 weeks")
	want := "The comments of detractors in the 26 weeks shown speak most often of wait_times (50 of 100, 40%; promoters 29%); " +
		"they name 6 topics more than promoters do, beyond chance (q < 0.05), the largest differences " +
		"wait_times (+11.2 points), installation_setup (+7.3 points), product_defect (+5.3 points), and 3 more in the table below."
	if got != want {
		t.Errorf("summary:\n got %q\nwant %q", got, want)
	}
	got = commentsSummary(npsGroups, topics[:3], 100, "26 weeks")
	if !strings.HasSuffix(got, "beyond chance (q < 0.05): wait_times (+11.2 points), product_defect (+5.3 points), billing_error (+3.4 points).") {
		t.Errorf("three topics: %q", got)
	}
}
