package trend

import "strconv"

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
