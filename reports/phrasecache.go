package reports

import (
	"context"
	"database/sql/driver"
	"fmt"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/complaints/complaints/metrics/trend"
)

// The phrase cache. Emerging phrases compare the texts of the period judged
// with those of the phraseBaseline periods before it, and reading and
// counting those thirteen periods' texts was a third of the reports on 10M
// complaints (18-21 s), the same again every week. A baseline period needs
// only its number of texts and, for each term, the number using it
// (trend.CountTerms), so `run` keeps those counts in the warehouse
// (phrase_periods, phrase_counts: migration 002) and later reports read the
// texts of the periods whose texts changed only: on a weekly run, the new
// week.
//
// A period's counts are used only while its fingerprint (the number of its
// texts and a sum of hashes of each one's complaint key and classification
// stamp, phrase_fingerprints.sql) and trend.TermsVersion are those stored
// with them: a complaint added, updated or classified again in that period
// changes it. The result is the same whether counts come from the cache or
// from the texts (trend.Corpus.AddBaselineCounts; TestPhraseCache compares
// the pages byte for byte).
//
// The texts of the period judged are always read, and when an export was
// cut in mid-period part of them were loaded by an earlier run, spread
// over the table: fetching those few read the whole column of redacted
// narratives. So `run` also keeps the texts received after the period it
// judges (phrase_texts: migration 003), with each one's classification
// stamp, and the next run takes them from there while the stamp is the
// classification's (storeTexts, scope_texts_table.sql;
// TestPhraseTextCache).

// phraseMinCount is the fewest current complaints behind an emerging phrase
// (the trend stage's default, which the reports use): cached counts are
// looked up for the terms that many use.
const phraseMinCount = float64(trend.DefaultMinCount)

// textPeriod is one period of the phrase texts, [start, end).
type textPeriod struct {
	start, end  time.Time
	current     bool   // the period judged
	fingerprint string // of its texts; "" when it has none
	cached      bool   // phrase_counts holds its counts for this fingerprint
	cachedDocs  int64  // texts those counts were made from
	// read: its texts are read. The period judged's always (they are
	// mined); a baseline period's when it has texts the cache does not
	// hold, and every one's when the scope has unclassified complaints.
	read bool
}

func dateKey(t time.Time) string { return t.Format("2006-01-02") }

// planTexts cuts the phrase texts' range into periods and finds which of
// them the cache holds, and so which are read. The cache is not used when
// the scope has unclassified complaints, whose texts are their unredacted
// narratives.
func (r *run) planTexts(ctx context.Context, p *phraseTexts) ([]textPeriod, error) {
	var ps []textPeriod
	for a := p.from; a.Before(p.end); a = r.addPeriods(a, 1) {
		b := r.addPeriods(a, 1)
		if b.After(p.end) {
			b = p.end
		}
		ps = append(ps, textPeriod{start: a, end: b, current: !a.Before(p.current)})
	}
	if r.unclassified > 0 {
		for i := range ps {
			ps[i].read = true
		}
		return ps, nil
	}
	byStart := map[string]*textPeriod{}
	for i := range ps {
		byStart[dateKey(ps[i].start)] = &ps[i]
	}
	rows, err := r.conn.QueryContext(ctx, query("phrase_fingerprints"), p.from, p.end)
	if err != nil {
		return nil, fmt.Errorf("phrase fingerprints: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var start time.Time
		var fp string
		if err := rows.Scan(&start, &fp); err != nil {
			return nil, fmt.Errorf("phrase fingerprints: %w", err)
		}
		if tp := byStart[dateKey(start)]; tp != nil {
			tp.fingerprint = fp
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("phrase fingerprints: %w", err)
	}
	rows, err = r.conn.QueryContext(ctx, `SELECT period_start, fingerprint, docs FROM phrase_periods
		WHERE period = $1 AND terms_version = $2 AND period_start >= $3 AND period_start < $4`,
		r.opt.Period, trend.TermsVersion, p.from, p.end)
	if err != nil {
		return nil, fmt.Errorf("phrase cache: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var start time.Time
		var fp string
		var docs int64
		if err := rows.Scan(&start, &fp, &docs); err != nil {
			return nil, fmt.Errorf("phrase cache: %w", err)
		}
		if tp := byStart[dateKey(start)]; tp != nil && tp.fingerprint != "" && tp.fingerprint == fp {
			tp.cached, tp.cachedDocs = true, docs
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("phrase cache: %w", err)
	}
	for i := range ps {
		ps[i].read = ps[i].current || (ps[i].fingerprint != "" && !ps[i].cached)
	}
	return ps, nil
}

// baselineToRead are the baseline periods of ps whose texts are read.
func baselineToRead(ps []textPeriod) []textPeriod {
	var out []textPeriod
	for _, tp := range ps {
		if tp.read && !tp.current {
			out = append(out, tp)
		}
	}
	return out
}

// gatherTexts makes rpt_texts (scope_texts_table.sql) of the periods whose
// texts are read, in one statement: it reads the redacted narratives once.
func (r *run) gatherTexts(ctx context.Context, p *phraseTexts, ps []textPeriod) error {
	if _, err := r.conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE rpt_text_periods (period DATE)`); err != nil {
		return fmt.Errorf("scope texts: %w", err)
	}
	starts := []time.Time{}
	for _, tp := range ps {
		if tp.read {
			starts = append(starts, tp.start)
		}
	}
	// A run that stores the cache also gathers the texts of the period
	// after the one judged, received up to the cutoff, for phrase_texts:
	// in the same scan, which reads the whole column when the texts of the
	// period judged are spread over the table.
	end := p.end
	if r.storesCache() && p.end.Before(r.cutoff) {
		starts, end = append(starts, p.end), r.cutoff
	}
	for _, start := range starts {
		if _, err := r.conn.ExecContext(ctx, `INSERT INTO rpt_text_periods VALUES ($1)`, start); err != nil {
			return fmt.Errorf("scope texts: %w", err)
		}
	}
	if _, err := r.conn.ExecContext(ctx, query("scope_texts_table"), p.from, end); err != nil {
		return fmt.Errorf("scope texts: %w", err)
	}
	if r.storesCache() {
		if err := r.storeTexts(ctx, p.end); err != nil {
			return err
		}
	}
	if r.unclassified > 0 {
		// an unclassified complaint's narrative is not redacted: never
		// mined, counted (the raw narratives were read as texts)
		var n int
		if err := r.conn.QueryRowContext(ctx, query("scope_texts_unredacted"), p.from, p.end).Scan(&n); err != nil {
			return fmt.Errorf("scope texts: %w", err)
		}
		p.corpus.AddUnredacted(n)
	}
	return nil
}

// storesCache reports whether this run keeps the phrase cache: when the
// warehouse is writable (`run`) and the texts are the redacted ones (no
// unclassified complaint's narrative).
func (r *run) storesCache() bool {
	return r.opt.KeepPhraseCounts && r.unclassified == 0
}

// storeTexts replaces phrase_texts with the texts gathered of the
// complaints received from start (the end of the period judged) to the
// cutoff: part of the period the next run will judge.
func (r *run) storeTexts(ctx context.Context, start time.Time) error {
	tx, err := r.conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("phrase cache: store texts: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM phrase_texts`); err != nil {
		return fmt.Errorf("phrase cache: store texts: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO phrase_texts
		SELECT source, complaint_id, classified_at, model, received_at, txt FROM rpt_texts
		WHERE received_at >= $1 AND received_at < $2`, start, r.cutoff); err != nil {
		return fmt.Errorf("phrase cache: store texts: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("phrase cache: store texts: %w", err)
	}
	return nil
}

// addCachedBaseline adds the baseline periods the cache holds to the
// corpus: their texts' number, and how many of them use each term that
// phraseMinCount current texts use.
func (r *run) addCachedBaseline(ctx context.Context, ps []textPeriod, c *trend.Corpus) (periods int, err error) {
	var n int64
	if _, err := r.conn.ExecContext(ctx, `CREATE OR REPLACE TEMP TABLE rpt_phrase_hits (period_start DATE)`); err != nil {
		return 0, fmt.Errorf("phrase cache: %w", err)
	}
	for _, tp := range ps {
		if !tp.current && tp.cached {
			if _, err := r.conn.ExecContext(ctx, `INSERT INTO rpt_phrase_hits VALUES ($1)`, tp.start); err != nil {
				return 0, fmt.Errorf("phrase cache: %w", err)
			}
			n += tp.cachedDocs
			periods++
		}
	}
	if periods == 0 {
		return 0, nil
	}
	terms := c.Terms(phraseMinCount)
	if err := r.fillTemp(ctx, `CREATE OR REPLACE TEMP TABLE rpt_phrase_terms (term VARCHAR)`, "rpt_phrase_terms", func(a *duckdb.Appender) error {
		for _, t := range terms {
			if err := a.AppendRow(t); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return 0, fmt.Errorf("phrase cache: %w", err)
	}
	rows, err := r.conn.QueryContext(ctx, query("phrase_cache_lookup"), r.opt.Period)
	if err != nil {
		return 0, fmt.Errorf("phrase cache: %w", err)
	}
	defer rows.Close()
	counts := make(map[string]int32, len(terms))
	for rows.Next() {
		var t string
		var k int32
		if err := rows.Scan(&t, &k); err != nil {
			return 0, fmt.Errorf("phrase cache: %w", err)
		}
		counts[t] = k
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("phrase cache: %w", err)
	}
	c.AddBaselineCounts(int(n), counts, phraseMinCount)
	return periods, nil
}

// fillTemp (re)creates a temporary table with create and appends rows to
// it, named table, with fill.
func (r *run) fillTemp(ctx context.Context, create, table string, fill func(*duckdb.Appender) error) error {
	if _, err := r.conn.ExecContext(ctx, create); err != nil {
		return err
	}
	return r.conn.Raw(func(dc any) error {
		a, err := duckdb.NewAppender(dc.(driver.Conn), "temp", "main", table)
		if err != nil {
			return err
		}
		if err := fill(a); err != nil {
			a.Close()
			return err
		}
		return a.Close()
	})
}

// storeCounts replaces the cached counts of one period, in one transaction:
// docs texts, of which counts[term] use each term.
func (r *run) storeCounts(ctx context.Context, tp textPeriod, docs int, counts map[string]int32) error {
	err := r.fillTemp(ctx, `CREATE OR REPLACE TEMP TABLE rpt_phrase_new (term VARCHAR, docs INTEGER)`, "rpt_phrase_new", func(a *duckdb.Appender) error {
		for t, k := range counts {
			if err := a.AppendRow(t, k); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("phrase cache: store %s: %w", dateKey(tp.start), err)
	}
	tx, err := r.conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("phrase cache: store %s: %w", dateKey(tp.start), err)
	}
	defer tx.Rollback()
	for _, q := range []string{
		`DELETE FROM phrase_counts WHERE period = $1 AND period_start = $2`,
		`DELETE FROM phrase_periods WHERE period = $1 AND period_start = $2`,
		`INSERT INTO phrase_counts SELECT $1, $2, term, docs FROM rpt_phrase_new`,
	} {
		if _, err := tx.ExecContext(ctx, q, r.opt.Period, tp.start); err != nil {
			return fmt.Errorf("phrase cache: store %s: %w", dateKey(tp.start), err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO phrase_periods VALUES ($1, $2, $3, $4, $5, $6)`,
		r.opt.Period, tp.start, trend.TermsVersion, tp.fingerprint, docs, time.Now().UTC()); err != nil {
		return fmt.Errorf("phrase cache: store %s: %w", dateKey(tp.start), err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("phrase cache: store %s: %w", dateKey(tp.start), err)
	}
	return nil
}

// pruneCounts drops the cached counts of this kind of period outside the
// range the reports use now, so the cache holds thirteen periods, not the
// whole history.
func (r *run) pruneCounts(ctx context.Context, p *phraseTexts) error {
	tx, err := r.conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("phrase cache: prune: %w", err)
	}
	defer tx.Rollback()
	for _, t := range []string{"phrase_counts", "phrase_periods"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+` WHERE period = $1 AND (period_start < $2 OR period_start >= $3)`,
			r.opt.Period, p.from, p.end); err != nil {
			return fmt.Errorf("phrase cache: prune: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("phrase cache: prune: %w", err)
	}
	return nil
}

// countJob is one baseline period's texts, to count.
type countJob struct {
	tp    textPeriod
	texts []string
}

// countResult is a countJob's counts.
type countResult struct {
	tp     textPeriod
	docs   int
	counts map[string]int32
}

// countAndStore reads the baseline periods that are to be read, counts
// every term of each on two goroutines while the next is read, stores the
// counts (storeCounts) and adds them to the corpus.
func (r *run) countAndStore(ctx context.Context, ps []textPeriod, c *trend.Corpus) error {
	todo := baselineToRead(ps)
	jobs, results := make(chan countJob), make(chan countResult)
	for range 2 {
		go func() {
			pc := trend.NewPeriodCounter()
			for j := range jobs {
				results <- countResult{tp: j.tp, docs: len(j.texts), counts: pc.Count(j.texts)}
			}
		}()
	}
	inflight := 0
	defer func() {
		close(jobs)
		for ; inflight > 0; inflight-- {
			<-results
		}
	}()
	next := 0
	var ready *countJob
	for next < len(todo) || ready != nil || inflight > 0 {
		if ready == nil && next < len(todo) {
			tp := todo[next]
			texts, err := r.baselineTexts(ctx, tp.start, tp.end)
			if err != nil {
				return err
			}
			ready = &countJob{tp: tp, texts: texts}
			next++
		}
		var send chan countJob
		var job countJob
		if ready != nil {
			send, job = jobs, *ready
		}
		select {
		case send <- job:
			ready = nil
			inflight++
		case res := <-results:
			inflight--
			if err := r.storeCounts(ctx, res.tp, res.docs, res.counts); err != nil {
				return err
			}
			c.AddBaselineCounts(res.docs, res.counts, phraseMinCount)
		}
	}
	return nil
}
