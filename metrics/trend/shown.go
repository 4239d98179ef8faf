package trend

import (
	"fmt"
	"strconv"
)

// Alpha is the level p- and q-values are read against where they are
// shown: the default false discovery rate of an alert (Options.Q) and the
// pages' "beyond sampling noise".
const Alpha = 0.05

// SameSide returns format(digits), or format with up to three digits
// more, so that the figure shown is on the same side of Alpha as p:
// 0.04986 to two significant digits is "0.05", which a QA pass read beside
// the word "beyond", and q 0.04953 to three decimals "0.050" beside its
// alert. ok is false when even three more do not (p a hair under Alpha).
// The report pages and the trends command format p and q with it.
func SameSide(p float64, format func(digits int) string, digits int) (s string, ok bool) {
	for d := digits; d <= digits+3; d++ {
		s = format(d)
		if v, err := strconv.ParseFloat(s, 64); err == nil && (v < Alpha) == (p < Alpha) {
			return s, true
		}
	}
	return "", false
}

// ContinuingFigures opens the Figures of a continuing shift.
const ContinuingFigures = "continuing since "

// Figures says what an alert's observed and expected figures are, as the
// `trends` table and the weekly page's alert table write it (period is
// "week", "month" or "day"): the period's count; for a shift of
// complaints, a period's on average since its start, continuing when the
// run of the period before raised it too; for a rising or falling trend,
// the line's value at the period; for a metric's level test, the period's
// against the periods before.
func Figures(a Alert, period string) string {
	shift := a.Kind == KindShift && a.Metric == ""
	switch {
	case shift && a.Continuing:
		return fmt.Sprintf("%s%s (raised the %s before too), average per %s", ContinuingFigures, a.Since, period, period)
	case shift:
		return fmt.Sprintf("since %s, average per %s", a.Since, period)
	case a.Kind == KindRising || a.Kind == KindFalling:
		return fmt.Sprintf("the %s's, on the trend line since %s", period, a.Since)
	case a.Metric != "":
		return fmt.Sprintf("the %s's, against the %ss before", period, period)
	}
	return fmt.Sprintf("the %s's count", period)
}
