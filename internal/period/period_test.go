package period

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestStartAdd: starts and steps across a year's end and a leap day.
// metrics.TestPeriodStart holds Start to DuckDB's date_trunc as well.
func TestStartAdd(t *testing.T) {
	for _, c := range []struct {
		p          Period
		at, start  string
		k          int
		afterSteps string
	}{
		{Day, "2024-02-29", "2024-02-29", 2, "2024-03-02"},
		{Week, "2024-12-31", "2024-12-30", 1, "2025-01-06"},  // a Tuesday; its Monday
		{Week, "2025-01-05", "2024-12-30", -1, "2024-12-23"}, // a Sunday ends the ISO week
		{Month, "2024-12-31", "2024-12-01", 3, "2025-03-01"},
		{"", "2024-06-12", "2024-06-10", 0, "2024-06-10"}, // unnamed: a week
	} {
		at := day(c.at).Add(13*time.Hour + 30*time.Minute)
		start := c.p.Start(at)
		if !start.Equal(day(c.start)) {
			t.Errorf("%q.Start(%s) = %s, want %s", c.p, c.at, start.Format(time.DateOnly), c.start)
		}
		if got := c.p.Add(start, c.k); !got.Equal(day(c.afterSteps)) {
			t.Errorf("%q.Add(%s, %d) = %s, want %s", c.p, c.start, c.k, got.Format(time.DateOnly), c.afterSteps)
		}
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Period{"": Week, "day": Day, "week": Week, "month": Month} {
		if got, err := Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := Parse("fortnight"); err == nil {
		t.Error(`Parse("fortnight"): no error`)
	}
}
