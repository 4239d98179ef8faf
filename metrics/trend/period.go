package trend

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

// ParsePeriod checks a period name; the empty string means Week.
func ParsePeriod(s string) (Period, error) {
	switch Period(s) {
	case "":
		return Week, nil
	case Day, Week, Month:
		return Period(s), nil
	}
	return "", fmt.Errorf("unknown period %q (want day, week or month)", s)
}

// Start is the start of the period holding t (in t's location).
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

// params are the window lengths of each period, in periods.
type params struct {
	window   int     // baseline history used by every test
	trendLen int     // periods the Mann-Kendall test looks at
	recent   int     // a shift must have started within this many periods
	minPost  int     // a shift must have lasted at least this many periods
	year     float64 // periods per year, for the yearly terms
	minBase  int     // fewest baseline periods before any test
}

func (p Period) params() params {
	switch p {
	case Day:
		return params{window: 56, trendLen: 28, recent: 14, minPost: 3, year: 365.25, minBase: 5}
	case Month:
		return params{window: 36, trendLen: 12, recent: 6, minPost: 3, year: 12, minBase: 5}
	default:
		return params{window: 104, trendLen: 12, recent: 8, minPost: 3, year: 365.25 / 7, minBase: 5}
	}
}
