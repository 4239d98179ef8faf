package reports

// The executive page as a CX director quoting NPS and CSAT to a board
// reads it (an exploratory QA pass): the level over the periods shown,
// not only each period's; which survey source each period's score comes
// from when that changes; scores rounded half away from zero, as README
// promises; and the index counting survey sources too.

import (
	"context"
	"html"
	"strings"
	"testing"
	"time"
)

// TestWindowScore: the executive page gives NPS and CSAT over the periods
// shown, with their responses and 95% interval, labelled with the span;
// the subtitle names that span. Two weeks from 2024-03-04: NPS 40
// responses, 20 of them 10 and 20 of them 3, then 40, 30 of them 10 and
// 10 of them 3: 50 promoters and 30 detractors of 80, NPS 25.0, interval
// 3.8 to 46.2 (python3: 100 (p - d -/+ 1.959964 sqrt((p + d - (p -
// d)^2) / 80)), p = 50/80, d = 30/80); CSAT 40, 30 of them 5, then 40,
// 20 of them 5: 50 of 80, 62.5%, Wilson interval 51.5% to 72.3% (python3,
// the formula of metrics.Wilson). The latest week's NPS is 50, which the
// page gave alone.
func TestWindowScore(t *testing.T) {
	dir := reportsOf(t, time.Date(2024, 3, 17, 0, 0, 0, 0, time.UTC),
		surveyWeek("a", "svy", "2024-03-04", "nps", 40, 20, 10, 3), surveyWeek("b", "svy", "2024-03-11", "nps", 40, 30, 10, 3),
		surveyWeek("c", "svy", "2024-03-04", "csat", 40, 30, 5, 2), surveyWeek("d", "svy", "2024-03-11", "csat", 40, 20, 5, 2))
	page := html.UnescapeString(readPage(t, dir, "executive.html"))
	pageHas(t, "executive.html summary", sectionOf(page, "summary"), []string{
		"Over the 2 weeks shown (2024-03-04 to 2024-03-17), NPS was 25 (95% CI 4 to 46, 80 responses).",
		"Over the 2 weeks shown (2024-03-04 to 2024-03-17), CSAT was 62.5% (95% CI 51.5% to 72.3%, 80 responses).",
	}, nil)
	pageHas(t, "executive.html NPS section", sectionOf(page, "nps"), []string{
		`<div class="value">25.0</div><div class="label">NPS over the 2 weeks shown</div><div class="note">2024-03-04 to 2024-03-17: 95% CI 3.8 to 46.2, 80 responses</div>`,
	}, nil)
	pageHas(t, "executive.html CSAT section", sectionOf(page, "csat"), []string{
		`<div class="value">62.5%</div><div class="label">CSAT over the 2 weeks shown</div><div class="note">2024-03-04 to 2024-03-17: 95% CI 51.5% to 72.3%, 80 responses</div>`,
	}, nil)
	if !strings.Contains(page, "The 2 weeks shown: 2024-03-04 to 2024-03-17; latest complete week: 2024-03-11 to 2024-03-17") {
		_, head, _ := strings.Cut(page, "<header>")
		head, _, _ = strings.Cut(head, "</header>")
		t.Errorf("the subtitle does not name the span shown:\n%s", head)
	}
}

// TestTelecomNPSWindow loads the telecom NPS verbatims (shared data) and
// writes the weekly executive page as of 2018-06-20, as the QA pass did:
// the 26 weeks shown run 2017-12-18 to 2018-06-17, and the page must give
// NPS over them. Recomputed from nps_verbatims.csv (python3: rows with an
// NPS_SCORE whose CUSTOMER_RESPONSE_DATE falls from 2017-12-18 to
// 2018-06-17): 2,287 responses, 666 promoters and 1,238 detractors, NPS
// -25.01, 95% interval -28.61 to -21.41 by DESIGN.md's variance (SOURCE.md's
// -24.7 is over all 2,353 scored rows, 2017-12-11 to 2018-06-20, a week
// before the window and three days after it). The week of 2018-04-16 has
// 80 responses, 29 promoters and 42 detractors: NPS -16.25, which README
// says rounds half away from zero to -16.3 (the page showed -16.2).
func TestTelecomNPSWindow(t *testing.T) {
	ctx := context.Background()
	db := telecomNPS(t)
	dir := t.TempDir()
	if err := Write(ctx, db, Options{OutDir: dir, AsOf: time.Date(2018, 6, 20, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	page := html.UnescapeString(readPage(t, dir, "executive.html"))
	pageHas(t, "executive.html summary", sectionOf(page, "summary"),
		[]string{"Over the 26 weeks shown (2017-12-18 to 2018-06-17), NPS was -25 (95% CI -29 to -21, 2,287 responses)."}, nil)
	pageHas(t, "executive.html NPS section", sectionOf(page, "nps"), []string{
		`<div class="value">-25.0</div><div class="label">NPS over the 26 weeks shown</div><div class="note">2017-12-18 to 2018-06-17: 95% CI -28.6 to -21.4, 2,287 responses</div>`,
		`2018-04-16</td><td class="num">-16.3</td>`,
	}, []string{`<td class="num">-16.2</td>`})
}

// TestScoresRoundHalfAway: README promises the executive page's figures
// round half away from zero; strconv rounds the binary value half to
// even, so NPS -16.25 (JSON -16.25) read -16.2, and CSAT 16.25% (100 x
// 0.1625, 16.250000000000004 or below it by float noise) could read either
// way.
func TestScoresRoundHalfAway(t *testing.T) {
	for _, tt := range []struct {
		x        float64
		decimals int
		want     string
	}{
		{-16.25, 1, "-16.3"}, {16.25, 1, "16.3"}, {100 * 0.1625, 1, "16.3"}, {-0.25, 1, "-0.3"}, {0.05, 1, "0.1"},
		{-0.04, 1, "0.0"}, {-0.04, 0, "0"}, {12.5, 0, "13"}, {-12.5, 0, "-13"}, {12.46, 0, "13"}, {-24.69188270293243, 1, "-24.7"},
		{100 * 0.645, 0, "65"}, {100 * (0.25 - 0.4125), 1, "-16.3"},
	} {
		if got := scoreNum(&tt.x, tt.decimals); got != tt.want {
			t.Errorf("scoreNum(%v, %d) = %q, want %q", tt.x, tt.decimals, got, tt.want)
		}
	}
	// on a page: a week of 80 NPS answers, 20 of them 10 and 33 of them 3
	// (NPS 100 (20 - 33) / 80 = -16.25)
	dir := reportsOf(t, time.Date(2024, 3, 17, 0, 0, 0, 0, time.UTC),
		surveyWeek("a", "svy", "2024-03-11", "nps", 20, 20, 10, 8), surveyWeek("b", "svy", "2024-03-11", "nps", 33, 33, 3, 3),
		surveyWeek("c", "svy", "2024-03-11", "nps", 27, 27, 7, 7))
	pageHas(t, "executive.html NPS section", sectionOf(readPage(t, dir, "executive.html"), "nps"),
		[]string{`2024-03-11</td><td class="num">-16.3</td>`}, []string{">-16.2<"})
}

// TestSourcesChangeSaid: where the survey source behind the CSAT series
// changes within the periods shown, the page says which periods come from
// which source, and the summary does not call a difference across the
// change a rise or a fall (QA pass: it-csat-2018, 5-point words, then
// it-csat-2019, a 1-10 agreement item rescaled, one table "CSAT (%
// satisfied, 4-5 of 5)" with no word). Weeks of 2024-03-04 and 03-11:
// it-csat-2018, 40 responses, 30 of them 5; weeks of 03-18 and 03-25:
// it-csat-2019, 40, 10 of them 5.
func TestSourcesChangeSaid(t *testing.T) {
	dir := reportsOf(t, time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC),
		surveyWeek("a", "it-csat-2018", "2024-03-04", "csat", 40, 30, 5, 2), surveyWeek("b", "it-csat-2018", "2024-03-11", "csat", 40, 30, 5, 2),
		surveyWeek("c", "it-csat-2019", "2024-03-18", "csat", 40, 10, 5, 2), surveyWeek("d", "it-csat-2019", "2024-03-25", "csat", 40, 10, 5, 2))
	page := html.UnescapeString(readPage(t, dir, "executive.html"))
	csat := sectionOf(page, "csat")
	pageHas(t, "executive.html CSAT section", csat, []string{
		"The survey sources change within the weeks shown: 2024-03-04 to 2024-03-11: it-csat-2018; 2024-03-18 to 2024-03-25: it-csat-2019.",
		"<th scope=\"col\">survey sources</th>",
		`2024-03-11</td><td class="num">75.0</td><td class="num">`,
		"<td dir=\"auto\">it-csat-2018</td>", "<td dir=\"auto\">it-csat-2019</td>",
	}, nil)
	pageHas(t, "executive.html summary", sectionOf(page, "summary"),
		[]string{"CSAT over the 4 weeks shown pools 2 survey sources, which the CSAT section lists by week: instruments differ in level."}, nil)
	// the latest two weeks are of one source: their change is told as before
	pageHas(t, "executive.html summary", sectionOf(page, "summary"), []string{"CSAT held at 25.0%"}, nil)

	// a change of source between the latest two weeks: no rise or fall
	dir = reportsOf(t, time.Date(2024, 3, 17, 0, 0, 0, 0, time.UTC),
		surveyWeek("a", "it-csat-2018", "2024-03-04", "csat", 40, 30, 5, 2), surveyWeek("c", "it-csat-2019", "2024-03-11", "csat", 40, 10, 5, 2))
	summary := summaryOf(t, dir)
	pageHas(t, "executive.html summary", summary, []string{
		"CSAT was 25.0% (95% CI 14.2% to 40.2%, 40 responses) in the week of 2024-03-11, of it-csat-2019, against 75.0% (40 responses) the week before, of it-csat-2018: the two weeks' responses come from different survey sources, so the difference is not told as a change.",
	}, []string{"CSAT fell", "sampling noise"})
}

// TestIndexCountsSurveySources: the index counted complaint sources only
// and wrote "0 sources" of a warehouse of two survey sources (QA pass,
// cs.duckdb: it-csat-2018 and it-csat-2019).
func TestIndexCountsSurveySources(t *testing.T) {
	dir := reportsOf(t, time.Date(2024, 3, 17, 0, 0, 0, 0, time.UTC),
		surveyWeek("a", "it-csat-2018", "2024-03-04", "csat", 10, 5, 5, 2), surveyWeek("b", "it-csat-2019", "2024-03-11", "csat", 10, 5, 5, 2))
	data := sectionOf(readPage(t, dir, "index.html"), "data")
	pageHas(t, "index.html data", data, []string{
		`<div class="value">0</div><div class="label">complaint sources</div>`,
		`<div class="value">2</div><div class="label">survey sources</div>`,
	}, []string{`<div class="label">sources</div>`})
}
