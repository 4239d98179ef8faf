package trend

import "github.com/complaints/complaints/internal/period"

// Period is the length of a time bucket: "day", "week" (ISO weeks starting
// Monday) or "month"; its Start and Add are the calendar's (package period).
type Period = period.Period

const (
	Day   = period.Day
	Week  = period.Week
	Month = period.Month
)

// ParsePeriod checks a period name; the empty string means Week.
func ParsePeriod(s string) (Period, error) { return period.Parse(s) }

// params are the window lengths of each period, in periods.
type params struct {
	window   int     // baseline history used by every test
	trendLen int     // periods the Mann-Kendall test looks at
	recent   int     // a shift must have started within this many periods
	minPost  int     // a shift must have lasted at least this many periods
	year     float64 // periods per year, for the yearly terms
	minBase  int     // fewest baseline periods before any test
}

func paramsOf(p Period) params {
	switch p {
	case Day:
		return params{window: 56, trendLen: 28, recent: 14, minPost: 3, year: 365.25, minBase: MinBaseline}
	case Month:
		return params{window: 36, trendLen: 12, recent: 6, minPost: 3, year: 12, minBase: MinBaseline}
	default:
		return params{window: 104, trendLen: 12, recent: 8, minPost: 3, year: 365.25 / 7, minBase: MinBaseline}
	}
}

// RecentPeriods is the number of periods of kind p a shift may reach back,
// over which a new source is not judged and a source gone silent is named.
func RecentPeriods(p Period) int { return paramsOf(p).recent }
