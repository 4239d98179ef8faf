package reports

import (
	"html"
	"strconv"
	"strings"
	"testing"
)

// TestDefectsPhraseWhere: the defects page never said which product an
// emerging phrase is in (a product manager's QA pass: "battery", a defect
// of one product, and "bluetooth", 25 complaints of each of two, showed
// no product but in the heatmap). Each phrase's row names the products of
// its complaints, the most first, at most 3, with their counts and
// shares, their labels as the pages show labels. The fixture's phrase
// "generated complaint" counts G-7-0 to G-7-3 (fixturePhrases): k 0 and 2
// on Mortgage, 1 and 3 on Credit card (fixtureComplaints), G-7-1's
// product named here with an e-mail address; "card declined" counts H8.
func TestDefectsPhraseWhere(t *testing.T) {
	email := `UPDATE complaints SET product = 'Card of john.doe@example.com' WHERE complaint_id = 'G-7-1'`
	sec, rows := defectsSection(t, &Analytics{Phrases: fixturePhrases(), Tests: 10}, "emerging", email)
	if !strings.Contains(sec, ">top products") {
		t.Errorf("the phrases table has no column of products:\n%s", sec)
	}
	for phrase, want := range map[string]string{
		"generated complaint": "Mortgage 2 (50.0%), Card of [EMAIL] 1 (25.0%), Credit card 1 (25.0%)",
		"card declined":       "__f__x 1 (100.0%)", // (tableRows drops the markup)
	} {
		if row := rowWith(rows, phrase+" |"); !strings.Contains(row, " | "+want+" | ") {
			t.Errorf("phrase %q: row %q lacks its products %q", phrase, row, want)
		}
	}
	if strings.Contains(sec, "john.doe@example.com") {
		t.Errorf("a product's e-mail address is shown:\n%s", sec)
	}
}

// TestDefectsRecurringRank: the most recurrent pairs were ranked by weeks
// seen, then complaints: topic other took the table's first places, and
// a pair of few complaints, mostly not negative, led the brief above a
// larger and angrier one (a product manager's QA pass: product defect x
// Nimbus Phone, 184 complaints, 45% negative, 10 of 12 weeks, was not
// among the 30; on tweets the brief led with delivery_delay x
// SouthwestAir, 4 complaints, 25% negative, above AmazonHelp's 40, 67.5%
// negative). Pairs are ranked by their negative complaints, then weeks
// seen, then complaints, topic other left out, and the page says so. The
// fixture's pairs (TestDefectsRecurringHarm): fees x Mortgage 7
// negative, billing x Mortgage 6, service x Mortgage 5, billing x Credit
// card 1, the Credit card pairs' generated complaints neutral. Here the
// generated complaints of weeks 0 to 3 are topic other: other x Mortgage,
// 8 negative, would lead by negatives; it is left out.
func TestDefectsRecurringRank(t *testing.T) {
	other := `UPDATE classifications SET topic = 'other' WHERE complaint_id IN ('G-0-0', 'G-0-1', 'G-1-0', 'G-1-1', 'G-2-0', 'G-2-1', 'G-3-0', 'G-3-1',
		'G-0-2', 'G-0-3', 'G-1-2', 'G-1-3', 'G-2-2', 'G-2-3', 'G-3-2', 'G-3-3')`
	page := html.UnescapeString(pageOf(t, writeAnalytics(t, &Analytics{Tests: 10}, other), "defects.html"))
	rec := sectionOf(page, "recurring")
	rows := tableRows(rec)
	if len(rows) == 0 {
		t.Fatalf("no recurring pairs:\n%s", rec)
	}
	last := 1 << 30
	for _, r := range rows {
		f := strings.Split(r, " | ")
		if f[0] == "other" {
			t.Errorf("topic other is listed: %q", r)
		}
		// negative: "7 of 7 (100.0%)", the 7th column
		n, err := strconv.Atoi(strings.Fields(f[6])[0])
		if err != nil {
			t.Fatalf("row %q: negative %q", r, f[6])
		}
		if n > last {
			t.Errorf("row %q has more negative complaints (%d) than the row before (%d)", r, n, last)
		}
		last = n
	}
	if got := briefNames(tableRows(sectionOf(page, "defects-summary"))); len(got) < 1 || got[0] != "fees x Mortgage" {
		t.Errorf("the brief leads with %v, want fees x Mortgage (7 negative)", got)
	}
	for _, id := range []string{"recurring", "defects-summary"} {
		if !strings.Contains(sectionOf(page, id), "most negative complaints") {
			t.Errorf("section %s does not say how its pairs are ranked:\n%s", id, sectionOf(page, id))
		}
	}
}

// TestDefectsPhraseExamples: the examples were the largest topics', so
// topic other took the first place and no emerging phrase had one (a
// product manager's QA pass: in the week a defect emerged, none of its
// complaints was shown). Each emerging phrase now has one example, of
// its complaints (fixturePhrases: "generated complaint" counts G-7-0 to
// G-7-3; "card declined" H8), linked to its list, before the topics'
// examples, which leave out topic other (here G-0-0's topic).
func TestDefectsPhraseExamples(t *testing.T) {
	other := `UPDATE classifications SET topic = 'other' WHERE complaint_id IN ('G-0-0', 'G-1-0', 'G-2-0', 'G-3-0', 'G-4-0', 'G-5-0', 'G-6-0', 'G-7-0', 'G-0-1', 'G-1-1', 'G-2-1', 'G-3-1', 'G-4-1')`
	page := html.UnescapeString(pageOf(t, writeAnalytics(t, &Analytics{Phrases: fixturePhrases(), Tests: 10}, other), "defects.html"))
	ex := sectionOf(page, "examples")
	rows := tableRows(ex)
	for _, tt := range []struct{ phrase, ids, list string }{
		{"generated complaint", "G-7-0 G-7-1 G-7-2 G-7-3", "ids/defects-phrase-01.csv"},
		{"card declined", "H8", "ids/defects-phrase-02.csv"},
	} {
		row := rowWith(rows, tt.phrase+" |")
		if row == "" {
			t.Errorf("no example of phrase %q:\n%s", tt.phrase, strings.Join(rows, "\n"))
			continue
		}
		if id := strings.Split(row, " | ")[2]; !strings.Contains(tt.ids, id) {
			t.Errorf("phrase %q's example is %s, not one of its complaints %s", tt.phrase, id, tt.ids)
		}
		if !strings.Contains(ex, `href="`+tt.list+`"`) {
			t.Errorf("phrase %q's example does not link its list %s", tt.phrase, tt.list)
		}
	}
	if rowWith(rows, "other |") != "" {
		t.Errorf("topic other has examples:\n%s", strings.Join(rows, "\n"))
	}
	if len(rows) == 0 || !strings.HasPrefix(rows[0], "generated complaint |") {
		t.Errorf("the phrases' examples do not come first:\n%s", strings.Join(rows, "\n"))
	}
}
