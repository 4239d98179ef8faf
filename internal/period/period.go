// Package period is the calendar of the metrics, trends and reports: the
// start of the day, ISO week (from Monday) or month that holds a time, and
// the start of the one k periods later. The SQL of those packages buckets
// with DuckDB's date_trunc; these functions give the same starts in Go
// (metrics.TestPeriodStart holds them to it).
package period

import (
	"fmt"
	"time"
)

// Period is the length of a time bucket: "day", "week" (ISO weeks starting
// Monday) or "month".
type Period string

const (
	Day   Period = "day"
	Week  Period = "week"
	Month Period = "month"
)

// Parse checks a period name; the empty string means Week.
func Parse(s string) (Period, error) {
	switch Period(s) {
	case "":
		return Week, nil
	case Day, Week, Month:
		return Period(s), nil
	}
	return "", fmt.Errorf("unknown period %q (want day, week or month)", s)
}

// Start is the start of the period holding t (in t's location). Any name
// but day and month is a week.
func (p Period) Start(t time.Time) time.Time {
	y, m, d := t.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, t.Location())
	switch p {
	case Day:
		return day
	case Month:
		return time.Date(y, m, 1, 0, 0, 0, 0, t.Location())
	default:
		wd := (int(day.Weekday()) + 6) % 7 // Monday = 0
		return day.AddDate(0, 0, -wd)
	}
}

// Add moves a period start by k periods.
func (p Period) Add(start time.Time, k int) time.Time {
	switch p {
	case Day:
		return start.AddDate(0, 0, k)
	case Month:
		return start.AddDate(0, k, 0)
	default:
		return start.AddDate(0, 0, 7*k)
	}
}
