package trend

import (
	"fmt"
	"math"
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

// FormatP writes a p- or q-value as every table shows one, on the
// pages and in the trends and metrics commands' tables: three significant
// figures, as one below 0.001 gets with its exponent (the weekly page's q
// 0.0014 read "0.001" beside p 1.51e-05, a QA pass), more where three
// would put it on the other side of Alpha than it is (SameSide: the
// weekly page's alert of q 0.04953 read "0.050"); one too small for a
// float64 (computed as 0) is "< 1e-300", not a probability of 0.
func FormatP(p float64) string {
	if p < 1e-300 {
		return "< 1e-300"
	}
	if p < 0.001 {
		return strconv.FormatFloat(p, 'e', 2, 64)
	}
	// decimals for three significant figures: 3 of 0.5, 5 of 0.0014
	decimals := max(0, 2-int(math.Floor(math.Log10(p))))
	if s, ok := SameSide(p, func(d int) string { return strconv.FormatFloat(p, 'f', d, 64) }, decimals); ok {
		return s
	}
	return "< " + strconv.FormatFloat(Alpha, 'g', -1, 64)
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
