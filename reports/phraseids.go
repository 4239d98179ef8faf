package reports

import (
	"context"
	"fmt"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/complaints/complaints/metrics/trend"
)

// phraseComplaints fills rpt_phrase_ids (source, complaint_id, period,
// phrase: the phrase's number in phrases, from 1) with the complaints each
// emerging phrase counts (trend.Phrase.Complaints: those of its Observed,
// so a list's length is the figure beside it), so that each phrase's list
// is cut from it as an alert's is from rpt_alerted (idListFrom). Made once
// a run: the weekly and defects pages list the same phrases.
func (r *run) phraseComplaints(ctx context.Context, phrases []trend.Phrase) error {
	if r.phraseLists {
		return nil
	}
	err := r.fillTemp(ctx, `CREATE OR REPLACE TEMP TABLE rpt_phrase_ids (source VARCHAR, complaint_id VARCHAR, period DATE, phrase INTEGER)`, "rpt_phrase_ids",
		func(a *duckdb.Appender) error {
			for n, ph := range phrases {
				period, err := time.Parse("2006-01-02", ph.PeriodStart)
				if err != nil {
					return fmt.Errorf("phrase %q: period %q: %w", ph.Phrase, ph.PeriodStart, err)
				}
				for _, c := range ph.Complaints {
					if err := a.AppendRow(c.Source, c.ID, period, int32(n+1)); err != nil {
						return err
					}
				}
			}
			return nil
		})
	if err != nil {
		return fmt.Errorf("phrase lists: %w", err)
	}
	r.phraseLists = true
	return nil
}
