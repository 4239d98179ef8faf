package reports

import (
	"context"
	"fmt"
)

// executive is the report for executives: NPS and CSAT with their
// uncertainty, what drives them, service recovery and churn risk, and a
// plain-language summary written from the numbers.
func (r *run) executive(ctx context.Context) (*page, error) {
	periods := r.window(shownPeriods)
	this := periods[len(periods)-1]
	p := &page{
		File:     "executive.html",
		Title:    "Customer experience: executive summary",
		Subtitle: fmt.Sprintf("Latest complete %s: %s (report date %s)", r.opt.Period, r.periodLabel(this), dateText(r.asOf)),
	}
	vol, err := r.rows(ctx, "executive_volume", periods[0], this, r.step(), r.cutoff, r.opt.Period)
	if err != nil {
		return nil, err
	}
	p.Sections = append(p.Sections, section{ID: "summary", Title: "Summary", Paragraphs: r.volumeSummary(vol)})

	for _, s := range []struct{ id, title, why string }{
		{"nps-csat", "NPS and CSAT over time, with 95% intervals", "NPS and CSAT come from the metrics stage, which has not run for this warehouse."},
		{"drivers", "Drivers of NPS and CSAT", "Driver impacts come from the metrics stage, which has not run."},
		{"recovery", "Service recovery", "Service recovery figures come from the metrics stage, which has not run."},
		{"churn", "Customers at risk of churn", "Churn signals come from the metrics stage, which has not run."},
	} {
		p.Sections = append(p.Sections, section{ID: s.id, Title: s.title, Unavailable: "Not available: " + s.why})
	}

	sec := section{ID: "volume", Title: "Complaints, survey responses and negative sentiment"}
	if err := r.addChart(&sec, vol, "executive-volume", "Complaints and survey responses", "line", "period",
		"complaints", "survey responses"); err != nil {
		return nil, err
	}
	p.Sections = append(p.Sections, sec)
	return p, nil
}

// volumeSummary writes the complaint volume of the latest period against
// the one before, in words.
func (r *run) volumeSummary(vol *result) []string {
	n := len(vol.rows)
	if n < 2 {
		return []string{"Not enough periods for a comparison."}
	}
	cur, _ := num(vol.rows[n-1][1])
	prev, _ := num(vol.rows[n-2][1])
	s := fmt.Sprintf("%s complaints were received in the %s of %s", thousands(int64(cur)), r.opt.Period, r.periodLabel(vol.rows[n-1][0]))
	switch {
	case prev == 0:
		s += fmt.Sprintf(", against none the %s before.", r.opt.Period)
	case cur == prev:
		s += fmt.Sprintf(", as many as the %s before.", r.opt.Period)
	default:
		dir := "up"
		if cur < prev {
			dir = "down"
		}
		s += fmt.Sprintf(", %s %.0f%% from %s the %s before.", dir, 100*abs(cur-prev)/prev, thousands(int64(prev)), r.opt.Period)
	}
	out := []string{s}
	if neg := vol.rows[n-1][3]; neg != nil {
		out = append(out, fmt.Sprintf("%s%% of the complaints classified for sentiment that %s read as negative.", text(neg), r.opt.Period))
	}
	return out
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
