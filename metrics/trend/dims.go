package trend

import (
	"fmt"
	"strings"
)

// dimension is an allow-listed grouping: its SQL expression over complaints
// c (and classifications k when classified is set).
type dimension struct {
	expr       string
	classified bool
}

// dimensions are the groupings trends accepts, as for metrics. Missing
// values form their own group: "unclassified" for what classify assigns,
// "unknown" for fields of the complaint itself.
var dimensions = map[string]dimension{
	"topic":      {"coalesce(k.topic, 'unclassified')", true},
	"department": {"coalesce(c.department, k.department, 'unclassified')", true}, // the complaint's own owner first, as metrics
	"language":   {"coalesce(k.language, 'unclassified')", true},
	"product":    {"coalesce(c.product, 'unknown')", false},
	"issue":      {"coalesce(c.issue, 'unknown')", false},
	"channel":    {"coalesce(c.channel, 'unknown')", false},
	"company":    {"coalesce(c.company, 'unknown')", false},
	"region":     {"coalesce(c.region, 'unknown')", false},
	"source":     {"c.source", false},
}

// PairSeparator joins the two values of a pair dimension into a group name.
const PairSeparator = " / "

const classificationsJoin = "LEFT JOIN classifications k ON k.source = c.source AND k.complaint_id = c.complaint_id"

// resolveDimension returns the SQL for a dimension name: one of the
// allow-listed names, a pair "a,b" of two different ones, or "all".
func resolveDimension(name string) (dimension, error) {
	if name == "all" {
		return dimension{expr: "'all'"}, nil
	}
	if a, b, ok := strings.Cut(name, ","); ok {
		da, oka := dimensions[strings.TrimSpace(a)]
		db, okb := dimensions[strings.TrimSpace(b)]
		if !oka || !okb || strings.TrimSpace(a) == strings.TrimSpace(b) {
			return dimension{}, fmt.Errorf("unknown dimension pair %q (want two of %s)", name, dimensionNames())
		}
		return dimension{
			expr:       da.expr + " || '" + PairSeparator + "' || " + db.expr,
			classified: da.classified || db.classified,
		}, nil
	}
	d, ok := dimensions[name]
	if !ok {
		return dimension{}, fmt.Errorf("unknown dimension %q (want one of %s, or a pair such as topic,product)", name, dimensionNames())
	}
	return d, nil
}

// canonicalDimension removes spaces around the comma of a pair.
func canonicalDimension(name string) string {
	if a, b, ok := strings.Cut(name, ","); ok {
		return strings.TrimSpace(a) + "," + strings.TrimSpace(b)
	}
	return strings.TrimSpace(name)
}

func dimensionNames() string {
	return "topic, product, issue, channel, company, department, region, source, language"
}

func (d dimension) sql(tmpl string, placeholders int) string {
	join := ""
	if d.classified {
		join = classificationsJoin
	}
	in := strings.TrimSuffix(strings.Repeat("?, ", placeholders), ", ")
	return strings.NewReplacer("{{GROUP}}", d.expr, "{{JOIN}}", join, "{{IN}}", in).Replace(tmpl)
}
