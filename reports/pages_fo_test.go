package reports

// QA passes on the pages: the weekly SLA of weeks whose resolution target
// has not passed for all their complaints; complaints not in English on
// the defects and executive pages; an executive page dated before the
// first complaint; column and group names of the executive page; and
// narratives cut inside a grapheme cluster.

import (
	"html"
	"strings"
	"testing"
	"time"
)

// rowOf is the table row of a page section whose first cell is the date
// day ("" if none).
func rowOf(sec, day string) string {
	_, row, ok := strings.Cut(sec, `">`+day+`</td>`)
	if !ok {
		return ""
	}
	row, _, _ = strings.Cut(row, "</tr>")
	return row
}

// TestWeeklySLAFinalOnly: a week's SLA met % is shown only once none of
// its complaints is still open within the resolution target, as the
// audit's met % (audit_res_by_period.sql); before, a week of one complaint
// met and one still open read 100, of the fastest handled alone (a QA
// pass: 93.1% against 88.3% once complete). In a source recording
// responses and resolutions, as of Sunday 2024-03-24: C (received Mon
// 2024-01-08, answered in an hour, resolved the next day) met the SLA,
// its week final: 100, none open. A (Mon 03-11, answered in 2 hours,
// resolved the next day) met it; B (Tue 03-12, answered in an hour) is
// open, 12 days into its 56: its week n/a, 1 open. D (Fri 03-22, not
// answered, open) is within the acknowledgement target: the latest
// week's first-response times are of the answered alone, which the note
// says.
func TestWeeklySLAFinalOnly(t *testing.T) {
	dir := reportsOf(t, time.Date(2024, 3, 24, 0, 0, 0, 0, time.UTC),
		`INSERT INTO complaints (complaint_id, source, received_at, first_response_at, resolved_at, product, status, ingest_run_id, row_hash) VALUES
		('C', 's', TIMESTAMP '2024-01-08 10:00', TIMESTAMP '2024-01-08 11:00', TIMESTAMP '2024-01-09 10:00', 'card', 'closed', 1, 1),
		('A', 's', TIMESTAMP '2024-03-11 10:00', TIMESTAMP '2024-03-11 12:00', TIMESTAMP '2024-03-12 10:00', 'card', 'closed', 1, 2),
		('B', 's', TIMESTAMP '2024-03-12 10:00', TIMESTAMP '2024-03-12 11:00', NULL, 'card', 'open', 1, 3),
		('D', 's', TIMESTAMP '2024-03-22 10:00', NULL, NULL, 'card', 'open', 1, 4)`)
	sec := html.UnescapeString(sectionOf(readPage(t, dir, "weekly.html"), "times"))
	pageHas(t, "weekly.html times", sec, []string{
		`<th scope="col" class="num">SLA met %</th><th scope="col" class="num">open, not yet due</th>`,
		"SLA met % is n/a while some of the week's complaints are still open within the resolution target (open, not yet due), as on the audit page: of those judged so far, the fastest handled, it would read high until the rest are due.",
		"First response times are those of the complaints answered by the report date: in the latest weeks, where some are not answered yet (1 of the 1 of the week of 2024-03-18 whose source records first responses), they are the fastest answered, and the median and P90 read low until the rest are.",
	}, nil)
	for day, want := range map[string]string{
		"2024-01-08": `<td class="num">100</td><td class="num">100</td><td class="num">0</td>`,
		"2024-03-11": `<td class="num">50</td><td class="num">n/a</td><td class="num">1</td>`,
	} {
		if row := rowOf(sec, day); !strings.HasSuffix(row, want) {
			t.Errorf("weekly.html times, week of %s: %q, want it to end %q", day, row, want)
		}
	}
}

// notEnglishRows: the week of 2024-03-11 holds 4 complaints, 3 in
// Portuguese (topic other, no sentiment: classify reads English only) and
// 1 in English, positive.
var notEnglishRows = []string{
	`INSERT INTO complaints (complaint_id, source, received_at, product, narrative, ingest_run_id, row_hash) VALUES
		('a', 's', TIMESTAMP '2024-03-11 10:00', 'card', 'Cobraram duas vezes', 1, 1), ('b', 's', TIMESTAMP '2024-03-12 10:00', 'card', 'Cobraram de novo', 1, 2),
		('c', 's', TIMESTAMP '2024-03-13 10:00', 'card', 'Ninguém responde', 1, 3), ('d', 's', TIMESTAMP '2024-03-14 10:00', 'card', 'Thanks for the quick fix', 1, 4)`,
	`INSERT INTO classifications (source, complaint_id, topic, sentiment, sentiment_label, churn_intent, legal_threat, urgent, language, model, classified_at) VALUES
		('s', 'a', 'other', NULL, NULL, false, false, false, 'pt', 'm', TIMESTAMP '2024-03-16'),
		('s', 'b', 'other', NULL, NULL, false, false, false, 'pt', 'm', TIMESTAMP '2024-03-16'),
		('s', 'c', 'other', NULL, NULL, false, false, false, 'pt', 'm', TIMESTAMP '2024-03-16'),
		('s', 'd', 'other', 0.8, 'positive', false, false, false, 'en', 'm', TIMESTAMP '2024-03-16')`,
}

// TestNotEnglishOnDefectsAndSummary: the defects page showed "other 4"
// and "negative 0 of 1 (0.0%)" without saying 3 were not in English and
// never classified, which the weekly page says; the executive summary
// said "0% of the complaints classified for sentiment that week read as
// negative (0 of 1)" of a week of 119 Portuguese complaints (a QA pass).
// The summary gives a share of 30 read or more (metrics.MinTestResponses,
// the fewest answers the page tests a score on), and says why the rest
// were not read.
func TestNotEnglishOnDefectsAndSummary(t *testing.T) {
	dir := reportsOf(t, time.Date(2024, 3, 17, 0, 0, 0, 0, time.UTC), notEnglishRows...)
	defects := html.UnescapeString(readPage(t, dir, "defects.html"))
	pageHas(t, "defects.html recurring", sectionOf(defects, "recurring"), []string{
		"3 of these complaints are written in a language other than English, which the classifiers do not read",
	}, nil)
	pageHas(t, "executive.html summary", summaryOf(t, dir), []string{
		"1 of the 4 complaints of that week was read for sentiment: 3 are written in a language other than English, which the classifiers do not read. Too few were read to give the share that were negative (the page gives it from 30).",
	}, []string{"negative (0 of 1)", "0% of the complaints"})
}

// TestVolumeSummaryUnread: the sentence of the summary with enough read
// and some not: the share, and why the rest were not read (7,176 read of
// 7,300: 100 not in English, 20 not classified yet, 4 with no sentiment
// label).
func TestVolumeSummaryUnread(t *testing.T) {
	r := &run{opt: Options{Period: "week"}}
	vol := &result{cols: []string{"period", "complaints", "survey responses", "read for sentiment", "negative", "negative %", "not english", "undetermined", "unclassified"},
		rows: [][]any{{time.Date(2015, 2, 16, 0, 0, 0, 0, time.UTC), int64(7300), int64(0), int64(7176), int64(3437), 47.9, int64(100), int64(0), int64(20)}}}
	got := strings.Join(r.volumeSummary(vol), " ")
	want := "47.9% of the complaints read for sentiment that week were negative (3,437 of 7,176). The other 124 were not read: 100 are written in a language other than English, which the classifiers do not read, 20 are not classified yet and 4 have no text to read."
	if !strings.Contains(got, want) {
		t.Errorf("got %q\nwant it to contain %q", got, want)
	}
}

// TestExecutiveBeforeFirstComplaint: a report dated before the first
// complaint (each with a customer ID) and before any survey response
// listed 26 weeks of "0 0 0 0 n/a" (README: weeks before the first
// complaint are not weeks of no complaints) and said "No complaint
// carries a customer ID" (a QA pass).
func TestExecutiveBeforeFirstComplaint(t *testing.T) {
	dir := reportsOf(t, time.Date(2024, 3, 17, 0, 0, 0, 0, time.UTC),
		`INSERT INTO complaints (complaint_id, source, received_at, customer_id, ingest_run_id, row_hash) VALUES
			('1', 's', TIMESTAMP '2024-06-03 10:00', 'K1', 1, 1), ('2', 's', TIMESTAMP '2024-06-04 10:00', 'K2', 1, 2)`)
	page := html.UnescapeString(readPage(t, dir, "executive.html"))
	pageHas(t, "executive.html volume", sectionOf(page, "volume"), []string{
		"Nothing was received or surveyed by the report date: no complaint or survey response to count.",
	}, []string{"<tbody>"})
	pageHas(t, "executive.html churn", sectionOf(page, "churn"), []string{
		"No complaint was received by the report date, so no customer's churn signals can be read (they are read from complaints).",
	}, nil)
	pageHas(t, "executive.html", page, nil, []string{"No complaint carries a customer ID"})
}

// TestExecutiveColumnNames: the comments table named two columns "% of
// theirs"; the service-recovery table headed its groups "customers" and
// gave each group's responses of any score beside an NPS resting on those
// with an NPS, its rows adding to fewer than the responses without a
// word (a QA pass: 1,129 / 108 / 268 against NPS of 906 / 86 / 224, 1,505
// of 1,586). Here K1 answered NPS 9 and CSAT 5, K2 CSAT 2 alone, K3 NPS
// 10 and CSAT 4, all never complained; r4 has no customer: 3 of 4
// responses in a group, 2 with an NPS.
func TestExecutiveColumnNames(t *testing.T) {
	page, _ := pageWith(t, "executive.html",
		`UPDATE surveys SET comment = 'I waited two hours on hold and nobody answered the phone.' WHERE response_id = 'S0'`,
		`UPDATE surveys SET comment = 'They billed me twice this month.' WHERE response_id = 'S7'`)
	pageHas(t, "executive.html comments", sectionOf(page, "comments"), []string{
		"<th scope=\"col\" class=\"num\">% of detractors</th>", "<th scope=\"col\" class=\"num\">% of promoters</th>",
	}, []string{"% of theirs"})

	dir := reportsOf(t, time.Date(2024, 3, 17, 0, 0, 0, 0, time.UTC), `INSERT INTO surveys (response_id, source, customer_id, responded_at, nps, csat, ingest_run_id, row_hash) VALUES
		('r1', 'survey', 'K1', TIMESTAMP '2024-03-04 10:00', 9, 5, 1, 1), ('r2', 'survey', 'K2', TIMESTAMP '2024-03-05 10:00', NULL, 2, 1, 2),
		('r3', 'survey', 'K3', TIMESTAMP '2024-03-11 10:00', 10, 4, 1, 3), ('r4', 'survey', NULL, TIMESTAMP '2024-03-12 10:00', 3, 1, 1, 4)`)
	rec := html.UnescapeString(sectionOf(readPage(t, dir, "executive.html"), "recovery"))
	pageHas(t, "executive.html recovery", rec, []string{
		"<th scope=\"col\">group</th><th scope=\"col\" class=\"num\">responses</th><th scope=\"col\" class=\"num\">NPS</th><th scope=\"col\">NPS 95%</th><th scope=\"col\" class=\"num\">NPS responses</th>",
		"<th scope=\"col\" class=\"num\">CSAT responses</th>",
		`<td dir="auto">no complaint</td><td class="num">3</td>`,
		"3 of the 4 survey responses received by the report date fall in a group; the other 1 in none",
	}, []string{"<th scope=\"col\">customers</th>", "<th>customers</th>"})
}

// TestTruncateGraphemes: a narrative is cut between user-perceived
// characters: a flag (two regional indicators), a family (man, woman,
// girl joined by zero-width joiners) and e with a combining acute accent
// were cut inside, "…x🇧…" and a family cut to "man" (a QA pass).
func TestTruncateGraphemes(t *testing.T) {
	for _, tt := range []struct {
		s    string
		n    int
		want string
	}{
		{"xxx🇧🇷tail", 5, "xxx🇧🇷…"},
		{"ab👨\u200d👩\u200d👧cdef", 4, "ab👨\u200d👩\u200d👧…"},
		{"cafe\u0301 au lait", 5, "cafe\u0301…"},
		{"short", 5, "short"},
		{"🇧🇷🇧🇷", 2, "🇧🇷🇧🇷"},
	} {
		if got := truncate(tt.s, tt.n); got != tt.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}
