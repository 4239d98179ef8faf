package reports

import (
	"context"
	"html"
	"testing"
	"time"
)

// TestBusinessHoursNote: with --business-hours the pages say that a
// working day counts 24 hours and name the holidays left out; the note
// read "the working time of Monday to Friday, less 2 holidays" (an
// exploratory QA pass, an auditor recomputing the figures: which hours,
// which days?). A target of one business day reads "1 business day" ("1
// business days" before). The holidays are given out of order: the page
// lists them by date.
func TestBusinessHoursNote(t *testing.T) {
	db := fixtureWarehouse(t)
	dir := t.TempDir()
	opts := Options{OutDir: dir, AsOf: fixtureAsOf, BusinessHours: true, AckTargetDays: 1,
		Holidays: []time.Time{time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 29, 0, 0, 0, 0, time.UTC)}}
	if err := Write(context.Background(), db, opts); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"audit.html", "weekly.html"} {
		pageHas(t, file, html.UnescapeString(readPage(t, dir, file)),
			[]string{"Business hours: 24 hours a day, Monday to Friday, less the holidays 2024-03-29, 2024-04-01, between the two instants",
				"1 business day (24 working hours from receipt"},
			[]string{"1 business days", "the working time of"})
	}
}
