package metrics

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
)

// TestRowPartialPeriod: each row says whether the report date cuts its
// period (partial) and the last day its figures cover (data_to), the
// index page's rule (Partial): a QA pass (a BI analyst, 2026-12-07) read
// `metrics --period month --format json`'s last month, 286 complaints to
// 2020-03-19 only, beside full months of 317-440, with nothing to tell
// them apart.
//
// Complaints on 2024-02-10 and 2024-03-05; as of Tuesday 2024-03-19 the
// month of March is partial (to 03-19), February whole (to 02-29, a leap
// year); as of Sunday 2024-03-17 the week of 03-11 ends on the report
// date: whole.
func TestRowPartialPeriod(t *testing.T) {
	db := openTestDB(t)
	load(t, db, []complaint{
		{id: "a", received: "2024-02-10 09:00", status: "open"},
		{id: "b", received: "2024-03-05 09:00", status: "open"},
	}, nil, nil)
	for _, tt := range []struct {
		opts Options
		want map[string]string // period_start: "partial data_to"
	}{
		{Options{Period: "month", AsOf: day(2024, 3, 19)}, map[string]string{
			"2024-02-01": "false 2024-02-29", "2024-03-01": "true 2024-03-19"}},
		{Options{Period: "week", AsOf: day(2024, 3, 17)}, map[string]string{
			"2024-03-04": "false 2024-03-10", "2024-03-11": "false 2024-03-17"}},
		{Options{Period: "week", AsOf: day(2024, 3, 19)}, map[string]string{"2024-03-18": "true 2024-03-19"}},
	} {
		rows, err := Compute(context.Background(), db, tt.opts)
		if err != nil {
			t.Fatal(err)
		}
		// as `metrics --format json` writes them
		b, err := json.Marshal(rows)
		if err != nil {
			t.Fatal(err)
		}
		var objs []map[string]any
		if err := json.Unmarshal(b, &objs); err != nil {
			t.Fatal(err)
		}
		seen := 0
		for _, o := range objs {
			p, _ := o["period_start"].(string)
			w, ok := tt.want[p]
			if !ok {
				continue
			}
			seen++
			if got := fmt.Sprintf("%v %v", o["partial"], o["data_to"]); got != w {
				t.Errorf("%s as of %s: %s: partial, data_to %s; want %s", tt.opts.Period, tt.opts.AsOf.Format("2006-01-02"), p, got, w)
			}
		}
		if seen != len(tt.want) {
			t.Errorf("%s as of %s: %d of the %d periods wanted are in the table", tt.opts.Period, tt.opts.AsOf.Format("2006-01-02"), seen, len(tt.want))
		}
	}
}
