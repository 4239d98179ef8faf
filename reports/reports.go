package reports

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/complaints/complaints/internal/warehouse"
	"github.com/complaints/complaints/metrics"
	"github.com/complaints/complaints/metrics/trend"
)

//go:embed sql/*.sql
var sqlFS embed.FS

// query returns the embedded SQL file sql/name.sql.
func query(name string) string {
	b, err := sqlFS.ReadFile("sql/" + name + ".sql")
	if err != nil {
		panic("reports: missing embedded query " + name)
	}
	return string(b)
}

// Conner is what the reports need from the warehouse: one connection, on
// which they keep their working tables (TEMP tables live per connection).
// *warehouse.DB and *sql.DB satisfy it; a read-only warehouse is enough.
type Conner interface {
	Conn(ctx context.Context) (*sql.Conn, error)
}

// Options choose what the reports cover. The zero value (apart from
// OutDir) means: weekly periods, the report date is the latest date in the
// data, acknowledgement within 3 business days, resolution within 8 weeks.
type Options struct {
	OutDir string    // directory to write into; created if missing
	Period string    // "week" (ISO weeks from Monday, the default) or "month"
	AsOf   time.Time // report date (inclusive); zero means the latest received_at or responded_at

	AckTargetDays        float64     // acknowledgement target, business days; 0 means 3
	ResolutionTargetDays float64     // resolution target, calendar days; 0 means 56 (8 weeks)
	Holidays             []time.Time // non-working days besides weekends (business days of the acknowledgement target and ageing)
	// BusinessHours gives response and resolution times in business hours
	// (Monday to Friday, less Holidays), as `complaints metrics
	// --business-hours` does; calendar hours when false.
	BusinessHours bool

	// Analytics, when set, are the metrics and trend results to show
	// (computed for the same Period and AsOf); nil means Write computes them.
	Analytics *Analytics

	// Settings is shown on the index page as the run's settings (for
	// example the warehouse file's name), in the order given.
	Settings [][2]string

	// Log, when set, gets a debug line with the time of each step.
	Log *slog.Logger

	// KeepPhraseCounts stores the term counts of each period's texts in
	// the warehouse (phrase_counts), which must then be writable, so that
	// later reports read only the texts of periods that changed. Counts
	// stored earlier are used either way. See phrasecache.go.
	KeepPhraseCounts bool
}

func (o *Options) defaults() error {
	if o.OutDir == "" {
		return fmt.Errorf("reports: no output directory")
	}
	switch o.Period {
	case "":
		o.Period = "week"
	case "week", "month":
	default:
		return fmt.Errorf("reports: period %q: want week or month", o.Period)
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.AckTargetDays <= 0 {
		o.AckTargetDays = 3
	}
	if o.ResolutionTargetDays <= 0 {
		o.ResolutionTargetDays = 56
	}
	return nil
}

// ackTarget describes the acknowledgement target: "3 business days (72
// working hours from receipt; Mon-Fri, no holidays)", or with the holidays
// counted; "1 business day" for one.
func (r *run) ackTarget() string {
	days := "business days"
	if r.opt.AckTargetDays == 1 {
		days = "business day"
	}
	return fmt.Sprintf("%s %s (%s working hours from receipt; Mon-Fri, %s)", decimal(r.opt.AckTargetDays), days, decimal(r.opt.AckTargetDays*24), r.holidaysText())
}

// holidaysText names the holidays the working calendar leaves out besides
// weekends: "no holidays", "less 1 holiday", "less 3 holidays".
func (r *run) holidaysText() string {
	if n := len(r.opt.Holidays); n > 0 {
		return "less " + plural(n, "holiday", "holidays")
	}
	return "no holidays"
}

// resTarget is the resolution target in days, as the pages write it.
func (r *run) resTarget() string { return decimal(r.opt.ResolutionTargetDays) }

// decimal writes a target as a number to at most two decimals: a target
// of 1000 hours is 41.67 days (41.666666666666664 before).
func decimal(x float64) string {
	return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
}

// Files are the reports Write produces, index first.
var Files = []string{"index.html", "weekly.html", "executive.html", "defects.html", "audit.html"}

// run is one Write call: its connection and resolved settings.
type run struct {
	conn        *sql.Conn
	opt         Options
	asOf        time.Time // report date, midnight UTC
	noData      bool      // the warehouse holds no complaint or survey response: asOf is no date of the data
	cutoff      time.Time // asOf + 1 day: data strictly before it is in scope
	idsDir      string
	earliest    time.Time // the first complaint or survey response in scope; zero if none
	latest      time.Time // the latest complaint or survey response in scope; zero if none
	surveys     int64     // survey responses in scope
	empty       bool      // no complaints in scope
	an          *analytics
	anDone      chan struct{}   // closed when the background analytics are in bg
	metricsDone chan struct{}   // closed when the background metrics are in bg
	bg          *analytics      // written only by startMetrics' and startTrends' goroutines
	sorted      map[string]bool // working tables the ID lists need not sort (keepsOrder)
	guardIDs    *idGuard        // how the ID lists write the IDs (formulaIDs)
	texts       *phraseTexts    // the trend stage's corpus: its range set by scope, filled by readTexts; nil if not kept

	unclassified int64 // complaints in the scope with no classification
	vocabularies int   // topic vocabularies of the classifications (topicRouting): the pages say when there are two or more

	labels      map[string]string // topic name -> label (topicLabels); read before the pages
	listed      *listedLabels     // the sources and file names shown otherwise than stored (labelsRedacted); nil until read
	phraseLists bool              // rpt_phrase_ids holds the emerging phrases' complaints (phraseComplaints)
}

// phraseTexts is the corpus of complaint texts received in [from, end), as
// the trend stage's docs.sql reads them, those from current on being the
// period judged, for trend.Options.Corpus.
type phraseTexts struct {
	from, current, end time.Time
	corpus             *trend.Corpus
}

// supply is a trend.Options.Corpus: the corpus, when asked for its range.
// readTexts has filled it before the trend stage starts.
func (p *phraseTexts) supply(from, current, end time.Time) (*trend.Corpus, bool) {
	if p == nil || !from.Equal(p.from) || !current.Equal(p.current) || !end.Equal(p.end) {
		return nil, false
	}
	return p.corpus, true
}

// Write computes every report from the warehouse and writes index.html,
// weekly.html, executive.html, defects.html and audit.html into
// opts.OutDir, with the complaint IDs behind each figure as CSV files in
// opts.OutDir/ids (those of an earlier run removed first; anything else
// there is an error, never deleted). The same warehouse and AsOf give
// byte-identical files.
func Write(ctx context.Context, db Conner, opts Options) error {
	if err := opts.defaults(); err != nil {
		return err
	}
	// ids/ belongs to the reports: lists of an earlier run (an alert that
	// is gone) must not linger beside the new ones, so the new ids/
	// replaces it whole. The lists are CSV files; anything else there is
	// the user's, and stops the run before anything is written.
	if err := checkIDs(opts.OutDir); err != nil {
		return fmt.Errorf("reports: %w", err)
	}
	// Pages and lists are written into a staging directory and moved into
	// place at the end (clear.go): an interrupted or failed run leaves the
	// earlier run's reports whole.
	stage, release, err := newStage(opts.OutDir)
	if err != nil {
		return fmt.Errorf("reports: %w", err)
	}
	defer release() // after the stage is removed: deferred calls run last first
	defer os.RemoveAll(stage)
	r := &run{opt: opts, idsDir: filepath.Join(stage, "ids")}
	if err := os.Mkdir(r.idsDir, 0o755); err != nil {
		return fmt.Errorf("reports: %w", err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("reports: connect: %w", err)
	}
	defer conn.Close()
	r.conn = conn
	defer func() {
		// The connection goes back to the pool: drop the working tables.
		for _, v := range []string{"rpt_complaints", "rpt_audit"} {
			conn.ExecContext(context.WithoutCancel(ctx), `DROP VIEW IF EXISTS `+v)
		}
		for _, t := range append([]string{"rpt_scope", "rpt_products", "rpt_repeaters", "rpt_alerted", "rpt_legal", "rpt_audit_rows", "rpt_this", "rpt_topic_routing", "rpt_recorded"}, textTables...) {
			conn.ExecContext(context.WithoutCancel(ctx), `DROP TABLE IF EXISTS `+t)
		}
	}()

	if err := r.resolveAsOf(ctx); err != nil {
		return err
	}
	// The scope table first, alone: it joins every complaint to its
	// classification, and under a memory limit (1GB by default) doing that
	// beside the metrics and trend queries made all three spill and re-read
	// evicted blocks (18 s of CPU for the reports of 1M complaints rather
	// than 12).
	t0 := time.Now()
	if err := r.scope(ctx); err != nil {
		return fmt.Errorf("reports: %w", err)
	}
	// The phrase texts next. Read while the metrics and trends computed,
	// the texts of every period took, on 10M complaints under the 2GB
	// limit, 85 to 95 s for the three rather than 24 and 36; but when the
	// phrase cache holds the baseline (a run after the first) only the
	// period judged is read, on about one core, and the metrics start
	// beside it: `complaints report` on the 10M warehouse took 30.6-32.7 s
	// against 34.8-36.1 in three of four alternating pairs (39.5 in the
	// fourth).
	defer func() {
		if r.metricsDone != nil {
			<-r.metricsDone // not left running on a connection about to close
		}
	}()
	early := func(baselineReads int) error {
		if baselineReads > 0 {
			return nil
		}
		return r.startMetrics(ctx, db)
	}
	if err := r.readTexts(ctx, early); err != nil {
		return fmt.Errorf("reports: %w", err)
	}
	opts.Log.Debug("report step", "step", "scope", "seconds", since(t0))
	if err := r.startTrends(ctx, db); err != nil {
		return err
	}
	// Whatever happens next, wait for the background work before returning.
	defer r.analyze(ctx)
	var n int64
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM rpt_complaints`).Scan(&n); err != nil {
		return fmt.Errorf("reports: scope: %w", err)
	}
	r.empty = n == 0
	if _, err := r.topicLabels(ctx); err != nil {
		return fmt.Errorf("reports: %w", err)
	}
	later, err := r.loadedLater(ctx, n)
	if err != nil {
		return fmt.Errorf("reports: %w", err)
	}

	builders := []func(context.Context) (*page, error){r.index, r.weekly, r.executive, r.defects, r.audit}
	written := []string{"ids"}
	for _, build := range builders {
		t0 := time.Now()
		p, err := build(ctx)
		if err != nil {
			return fmt.Errorf("reports: %w", err)
		}
		if later != "" {
			p.Sections = append([]section{{ID: "loaded-later", Title: "Loaded after the report date", Unavailable: later}}, p.Sections...)
		}
		if why := r.noRecentData(); why != "" {
			p.Sections = append([]section{{ID: "no-recent-data", Title: "No recent data", Unavailable: why}}, p.Sections...)
		}
		p.Nav = nav()
		if !r.noData {
			p.Date = r.asOfText()
		}
		p.Footer = fmt.Sprintf("Report date %s (data received before %s). Complaint text is shown only as redacted by classify. Generated by complaints.",
			r.asOfText(), r.cutoffText())
		if r.noData {
			p.Footer = "No data loaded. Generated by complaints."
		}
		if err := p.render(stage); err != nil {
			return fmt.Errorf("reports: %w", err)
		}
		written = append(written, p.File)
		opts.Log.Debug("report step", "step", p.File, "seconds", since(t0))
	}
	// a page built while the run was being cancelled may lack what
	// failed: only a whole run is published
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("reports: %w", err)
	}
	if err := publish(stage, opts.OutDir, written); err != nil {
		return fmt.Errorf("reports: %w", err)
	}
	return nil
}

// since is the seconds since t0, to the millisecond, for the debug log.
func since(t0 time.Time) float64 {
	return math.Round(time.Since(t0).Seconds()*1000) / 1000
}

func nav() []link {
	return []link{
		{"Index", "index.html"}, {"Weekly quality", "weekly.html"}, {"Executive", "executive.html"},
		{"Defects", "defects.html"}, {"Audit", "audit.html"},
	}
}

// scopeFlags are the yes/no columns of the scope (scope.sql), which
// rpt_scope packs into its flags column, two bits each from bit 2i for
// scopeFlags[i]: whether the value is known (not NULL), then the value. On
// 10M complaints each column of its own took 50 MB of memory, mostly the
// blocks DuckDB allocates per row group.
var scopeFlags = []string{
	"classified", "negative", "legal_threat", "urgent", "redacted", "timely", "disputed", "reopened",
	"closed", "closed_undated", "is_open", "tracks_ack", "tracks_res",
	"ack_eligible", "ack_met", "res_eligible", "res_met",
	"has_type", "has_customer", "has_date", "has_details", "has_resolution", "has_owner",
	"not_english", "res_judged", "closed_later", "time_before_receipt",
	"screened", "language_undetermined",
}

// packFlags is the SQL that packs scopeFlags, columns of scope.sql's wide,
// into one UBIGINT.
func packFlags() string {
	if len(scopeFlags) > 32 {
		panic("reports: more scope flags than a UBIGINT holds")
	}
	terms := make([]string, len(scopeFlags))
	for i, f := range scopeFlags {
		terms[i] = fmt.Sprintf("((CASE WHEN %s IS NULL THEN 0 WHEN %s THEN 3 ELSE 1 END)::UBIGINT << %d)", f, f, 2*i)
	}
	return strings.Join(terms, " | ")
}

// viewSQL is the view sql/name.sql, which names the scope's columns, with
// its markers filled. A view takes no parameters: the period comes from
// Options (checked to be week or month), the flags' names from scopeFlags.
func (r *run) viewSQL(name string) string {
	return strings.NewReplacer("{{PERIOD}}", "'"+r.opt.Period+"'", "{{FLAGS}}", unpackFlags()).Replace(query(name))
}

// unpackFlags is the SQL that names each of scopeFlags again, from flags.
func unpackFlags() string {
	cols := make([]string, len(scopeFlags))
	for i, f := range scopeFlags {
		cols[i] = fmt.Sprintf("CASE (flags >> %d) & 3 WHEN 3 THEN true WHEN 1 THEN false END AS %s", 2*i, f)
	}
	return strings.Join(cols, ",\n       ")
}

// latestOnly keeps each complaint's latest classification in the scope.
const latestOnly = "QUALIFY row_number() OVER (PARTITION BY source, complaint_id ORDER BY classified_at DESC, model) = 1"

// scope creates rpt_scope (sql/scope.sql) and its view rpt_complaints
// (sql/scope_view.sql), which the pages read. Classify keeps one
// classification per complaint, so the scope first joins them as they are,
// and counts: a complaint with two rows would make more rows than there are
// complaints, and then the scope is built again keeping each complaint's
// latest (the window that does so costs a sort of every classification,
// about a tenth of the scope on 1M complaints, so it runs only then).
//
// The scope reads no text (see scope.sql), except whether unclassified
// complaints have a narrative when there are some. When it can keep the texts
// the trend stage mines phrases from, it sets r.texts, which readTexts
// fills, so that stage does not read them again.
func (r *run) scope(ctx context.Context) error {
	q := query("scope")
	from, current, end := r.cutoff, r.cutoff, r.cutoff // no texts: the analytics were given
	if r.opt.Analytics == nil {
		// The range trend.Detect asks for (phrasesAt): the latest complete
		// period and the phraseBaseline periods before it. Should it ask
		// for another, it reads the texts itself.
		current = r.thisPeriod()
		from, end = r.addPeriods(current, -phraseBaseline), r.addPeriods(current, 1)
		if end.After(r.cutoff) {
			end = r.cutoff
		}
	}
	args := []any{r.cutoff, r.opt.AckTargetDays * 86400, r.opt.ResolutionTargetDays * 86400, metrics.HolidayDates(r.opt.Holidays),
		metrics.AgeingYoungDays * 86400.0, metrics.AgeingOld.Seconds(), r.opt.BusinessHours}
	t0 := time.Now()
	if err := r.topicRouting(ctx); err != nil {
		return fmt.Errorf("scope: %w", err)
	}
	if _, err := r.conn.ExecContext(ctx, query("scope_products"), r.cutoff); err != nil {
		return fmt.Errorf("scope: products: %w", err)
	}
	q = strings.NewReplacer("{{FLAGS}}", packFlags(), "{{CALENDAR}}", metrics.CalendarSQL("$1", "$4"), "{{EXPORTS}}", metrics.ExportsSQL()).Replace(q)
	if _, err := r.conn.ExecContext(ctx, strings.Replace(q, "{{LATEST}}", "", 1), args...); err != nil {
		return fmt.Errorf("scope: %w", err)
	}
	if _, err := r.conn.ExecContext(ctx, r.viewSQL("scope_view")); err != nil {
		return fmt.Errorf("scope: view: %w", err)
	}
	if _, err := r.conn.ExecContext(ctx, query("shown_customer")); err != nil {
		return fmt.Errorf("scope: customers: %w", err)
	}

	var extra bool
	if err := r.conn.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM rpt_complaints) > (SELECT count(*) FROM complaints WHERE received_at < $1)`,
		r.cutoff).Scan(&extra); err != nil {
		return fmt.Errorf("scope: %w", err)
	}
	if extra {
		if _, err := r.conn.ExecContext(ctx, strings.Replace(q, "{{LATEST}}", latestOnly, 1), args...); err != nil {
			return fmt.Errorf("scope: %w", err)
		}
	}
	var unclassified int64
	if err := r.conn.QueryRowContext(ctx, `SELECT count(*) FROM rpt_complaints WHERE NOT classified`).Scan(&unclassified); err != nil {
		return fmt.Errorf("scope: %w", err)
	}
	if unclassified > 0 {
		shift := strconv.Itoa(2 * slices.Index(scopeFlags, "has_details"))
		if _, err := r.conn.ExecContext(ctx, strings.ReplaceAll(query("scope_details"), "{{SHIFT}}", shift)); err != nil {
			return fmt.Errorf("scope: details: %w", err)
		}
	}
	r.unclassified = unclassified
	r.opt.Log.Debug("report step", "step", "scope table", "seconds", since(t0), "unclassified", unclassified)
	// docs.sql joins classifications as they are: with a complaint
	// classified twice its texts would differ from these, so they are kept
	// only when no complaint was.
	if !extra && from.Before(end) {
		r.texts = &phraseTexts{from: from, current: current, end: end, corpus: trend.NewCorpus()}
	}
	return nil
}

// readTexts fills r.texts, if the scope is to keep the phrase texts (and
// drops it if reading fails). It reads the texts of the periods the phrase
// cache does not hold (phrasecache.go), and always those of the period
// judged: it gathers them into rpt_texts (sql/scope_texts_table.sql,
// reading the redacted narratives once) and reads them a period at a time
// into the corpus, which keeps the texts of the period judged only:
// duckdb-go holds a query's whole result, and thirteen weeks of text held
// twice were most of the reports' memory on 10M complaints. planned, if
// not nil, is called once the plan is made, with the number of baseline
// periods whose texts are to be read.
func (r *run) readTexts(ctx context.Context, planned func(baselineReads int) error) error {
	p := r.texts
	if p == nil {
		return nil
	}
	t0 := time.Now()
	err := func() error {
		ps, err := r.planTexts(ctx, p)
		if err != nil {
			return err
		}
		r.opt.Log.Debug("report step", "step", "scope texts planned", "seconds", since(t0))
		if planned != nil {
			if err := planned(len(baselineToRead(ps))); err != nil {
				return err
			}
		}
		if err := r.gatherTexts(ctx, p, ps); err != nil {
			return err
		}
		r.opt.Log.Debug("report step", "step", "scope texts gathered", "seconds", since(t0))
		store := r.storesCache()
		// The period judged first, its terms counted here.
		for _, tp := range ps {
			if !tp.current {
				continue
			}
			docs, err := r.scopeTexts(ctx, p.current, tp.start, tp.end)
			if err != nil {
				return err
			}
			// A source too new to judge brings words the baseline never
			// saw: its texts are left out, as the trend detector leaves
			// its complaints out of the tests. The counts are then not
			// all of the period's, and not kept for later runs (whose
			// baseline the period will be, with every source's words).
			young, err := trend.YoungSources(ctx, r.conn, trend.Period(r.opt.Period), tp.start)
			if err != nil {
				return err
			}
			whole := true
			for _, d := range docs {
				if slices.Contains(young, d.Source) {
					whole = false
					continue
				}
				p.corpus.Add(d)
			}
			if store && whole && tp.fingerprint != "" && !tp.cached {
				if err := r.storeCounts(ctx, tp, len(docs), p.corpus.CurrentCounts()); err != nil {
					return err
				}
			}
		}
		r.opt.Log.Debug("report step", "step", "scope texts of the period judged", "seconds", since(t0))
		cached, err := r.addCachedBaseline(ctx, ps, p.corpus)
		if err != nil {
			return err
		}
		r.opt.Log.Debug("report step", "step", "scope texts: cached periods", "seconds", since(t0), "periods", cached)
		// Then the rest of the baseline: counted whole and stored, or, when
		// nothing is stored, counted for the terms of the period judged
		// only, on two goroutines while the next period is read
		// (trend.Corpus.AddBaseline): on 10M complaints counting took 16 s
		// on one core, with the other idle.
		if store {
			if err := r.countAndStore(ctx, ps, p.corpus); err != nil {
				return err
			}
			if err := r.pruneCounts(ctx, p); err != nil {
				return err
			}
		} else if err := r.countBaseline(ctx, ps, p.corpus); err != nil {
			return err
		}
		// The texts are in Go now; the pages do not read them.
		for _, t := range textTables {
			if _, err := r.conn.ExecContext(ctx, `DROP TABLE IF EXISTS `+t); err != nil {
				return fmt.Errorf("scope texts: %w", err)
			}
		}
		return nil
	}()
	if err != nil {
		r.texts = nil // not all read: the trend stage reads its own
	}
	r.opt.Log.Debug("report step", "step", "scope texts read", "seconds", since(t0))
	return err
}

// textTables are readTexts' working tables, dropped as soon as it is done.
var textTables = []string{"rpt_texts", "rpt_text_periods", "rpt_phrase_hits", "rpt_phrase_terms", "rpt_phrase_new"}

// countBaseline reads the baseline periods that are to be read and counts
// them for the terms of the period judged (trend.Corpus.AddBaseline).
func (r *run) countBaseline(ctx context.Context, ps []textPeriod, c *trend.Corpus) error {
	batches := make(chan []trend.Doc)
	counted := make(chan struct{})
	go func() {
		defer close(counted)
		c.AddBaseline(batches, 2)
	}()
	err := func() error {
		defer close(batches)
		for _, tp := range baselineToRead(ps) {
			texts, err := r.baselineTexts(ctx, tp.start, tp.end)
			if err != nil {
				return err
			}
			docs := make([]trend.Doc, len(texts))
			for i, t := range texts {
				docs[i].Text = t
			}
			batches <- docs
		}
		return nil
	}()
	<-counted
	return err
}

// baselineTexts reads the texts of rpt_texts received in [from, end), a
// baseline period's, in no particular order.
func (r *run) baselineTexts(ctx context.Context, from, end time.Time) ([]string, error) {
	rows, err := r.conn.QueryContext(ctx, query("scope_texts_baseline"), from, end)
	if err != nil {
		return nil, fmt.Errorf("scope texts: %w", err)
	}
	defer rows.Close()
	var texts []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, fmt.Errorf("scope texts: %w", err)
		}
		texts = append(texts, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("scope texts: %w", err)
	}
	return texts, nil
}

// scopeTexts reads the scope's texts received in [from, end), those from
// current on being the period judged.
func (r *run) scopeTexts(ctx context.Context, current, from, end time.Time) ([]trend.Doc, error) {
	rows, err := r.conn.QueryContext(ctx, query("scope_texts"), from, end)
	if err != nil {
		return nil, fmt.Errorf("scope texts: %w", err)
	}
	defer rows.Close()
	var docs []trend.Doc
	for rows.Next() {
		var d trend.Doc
		var at time.Time
		if err := rows.Scan(&d.ID, &d.Source, &at, &d.Text); err != nil {
			return nil, fmt.Errorf("scope texts: %w", err)
		}
		d.Current = !at.Before(current)
		docs = append(docs, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("scope texts: %w", err)
	}
	return docs, nil
}

// resolveAsOf sets the report date: the one given, else the latest date
// a complaint was received or a survey answered (sql/latest.sql), so the
// default does not depend on the wall clock.
func (r *run) resolveAsOf(ctx context.Context) error {
	if !r.opt.AsOf.IsZero() {
		t := r.opt.AsOf
		r.asOf = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	} else {
		var latest sql.NullTime
		if err := r.conn.QueryRowContext(ctx, query("latest")).Scan(&latest); err != nil {
			return fmt.Errorf("reports: latest date: %w", err)
		}
		t := latest.Time
		if !latest.Valid {
			// nothing loaded: the pages say so rather than date
			// themselves 1970-01-01 (QA pass P)
			t, r.noData = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), true
		}
		r.asOf = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	r.cutoff = r.asOf.AddDate(0, 0, 1)
	var earliest, latest sql.NullTime
	if err := r.conn.QueryRowContext(ctx, query("earliest"), r.cutoff).Scan(&earliest, &r.surveys, &latest); err != nil {
		return fmt.Errorf("reports: earliest date: %w", err)
	}
	if earliest.Valid {
		r.earliest = earliest.Time.UTC()
	}
	if latest.Valid {
		r.latest = latest.Time.UTC()
	}
	return nil
}

// noRecentData says, when nothing was received or surveyed in the latest
// complete period or after it, since when the data is silent; "" when
// the latest period holds data or nothing was ever loaded. Every page
// shows it first: a week's export not loaded, or a report date past the
// data, made the pages report a week of no complaints and "No alert:
// nothing changed", as if the week had been quiet.
func (r *run) noRecentData() string {
	if r.noData {
		return "Nothing has been loaded: the warehouse holds no complaint or survey response. Load an export with `complaints ingest` (the audit page lists the records rejected, if any were)."
	}
	this := r.thisPeriod()
	if r.latest.IsZero() || !r.latest.Before(this) {
		return ""
	}
	empty := 0
	for s := r.addPeriods(r.truncPeriod(r.latest), 1); !s.After(this); s = r.addPeriods(s, 1) {
		empty++
	}
	held := fmt.Sprintf("the latest complete %s (%s) holds no data, so the pages show no complaints for it", r.opt.Period, r.periodLabel(this))
	if empty > 1 {
		before := "the " + r.opt.Period
		if empty > 2 {
			before = "the " + r.periods(empty-1)
		}
		held = fmt.Sprintf("the latest complete %s (%s) and %s before it hold no data, so the pages show no complaints for them",
			r.opt.Period, r.periodLabel(this), before)
	}
	return fmt.Sprintf("Nothing was received or surveyed after %s: %s, not a quiet %s. Check that the latest export was loaded, or choose an earlier report date (--as-of).",
		dateText(r.latest), held, r.opt.Period)
}

// noDataPage is p with no sections, for a warehouse that holds no data
// (Write puts the section that says so first on every page): periods of
// 1969 and empty charts said nothing more.
func (r *run) noDataPage(p *page) *page {
	p.Subtitle = "No data loaded"
	return p
}

// asOfText is the report date as the pages write it.
func (r *run) asOfText() string {
	if r.noData {
		return "none (no data loaded)"
	}
	return dateText(r.asOf)
}

// result is a query result held as Go values.
type result struct {
	cols []string
	rows [][]any
	// counts: a report's own query, whose whole numbers are counts, the
	// table writes with thousands separated (countText); a notebook's
	// cells are the user's SQL, where a year is a whole number too
	counts bool
}

func (r *run) rows(ctx context.Context, name string, args ...any) (*result, error) {
	return r.rowsSQL(ctx, name, query(name), args...)
}

func (r *run) rowsSQL(ctx context.Context, name, q string, args ...any) (*result, error) {
	rows, err := r.conn.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer rows.Close()
	res, err := scanAll(rows)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	res.counts = true
	return res, nil
}

func scanAll(rows *sql.Rows) (*result, error) {
	cols, vals, err := warehouse.ScanAll(rows)
	if err != nil {
		return nil, err
	}
	return &result{cols: cols, rows: vals}, nil
}

// col returns the index of the named column; a missing name is a bug in
// the embedded SQL.
func (res *result) col(name string) int {
	for i, c := range res.cols {
		if c == name {
			return i
		}
	}
	panic("reports: query has no column " + name)
}

// known reports whether some row has a value (not NULL) in one of the
// named columns.
func (res *result) known(names ...string) bool {
	for _, name := range names {
		c := res.col(name)
		for _, row := range res.rows {
			if row[c] != nil {
				return true
			}
		}
	}
	return false
}

// drop removes the named column.
func (res *result) drop(name string) {
	c := res.col(name)
	res.cols = slices.Delete(res.cols, c, c+1)
	for i, row := range res.rows {
		res.rows[i] = slices.Delete(row, c, c+1)
	}
}

// table turns a result into a table; the column names are the SQL aliases.
func (res *result) table(caption string) table {
	t := table{Caption: caption, Columns: res.cols, num: make([]bool, len(res.cols))}
	for _, row := range res.rows {
		cells := make([]cell, len(row))
		for i, v := range row {
			_, date := v.(time.Time)
			txt := text(v)
			if res.counts {
				txt = countText(v)
			}
			cells[i] = cell{Text: txt, Num: isNumber(v), Date: date}
			if cells[i].Num {
				t.num[i] = true
			}
		}
		t.Rows = append(t.Rows, cells)
	}
	// an unknown value ("n/a") in a column of numbers aligns with them
	for _, cells := range t.Rows {
		for i := range cells {
			cells[i].Num = t.num[i]
		}
	}
	if res.counts {
		res.sameDecimals(t)
	}
	return t
}

// sameDecimals writes each column of a report's table whose numbers are
// rounded to one or two decimals with that many, so that the column's
// points align ("20" beside "25.2" was 20.0: QA pass Q). A column of
// numbers not so rounded (a p-value) is left as it is.
func (res *result) sameDecimals(t table) {
	for c := range res.cols {
		most := 0
		for _, row := range res.rows {
			x, ok := row[c].(float64)
			if !ok || math.IsNaN(x) || math.IsInf(x, 0) {
				continue
			}
			s := strconv.FormatFloat(x, 'f', -1, 64)
			if i := strings.IndexByte(s, '.'); i >= 0 {
				most = max(most, len(s)-i-1)
			}
		}
		if most == 0 || most > 2 {
			continue
		}
		for r, row := range res.rows {
			if x, ok := row[c].(float64); ok && !math.IsNaN(x) && !math.IsInf(x, 0) {
				t.Rows[r][c].Text = strconv.FormatFloat(x, 'f', most, 64)
			}
		}
	}
}

// countText is text(v), but a whole number of an integer type is written
// with its thousands separated, as the figures and the tables built by
// hand write counts: a page showed "4147" in one table and "4,147" in the
// next (QA pass Q).
func countText(v any) string {
	switch x := v.(type) {
	case int64:
		return thousands(x)
	case int32:
		return thousands(int64(x))
	case int16:
		return thousands(int64(x))
	case int8:
		return thousands(int64(x))
	case uint32:
		return thousands(int64(x))
	}
	return text(v)
}

// isNumber reports whether v is of a numeric SQL type (DECIMAL and HUGEINT
// too), which a table aligns right.
func isNumber(v any) bool {
	_, ok := warehouse.Float(v)
	return ok
}

// text formats one value for a page or a notebook cell: unknown values,
// NaN and infinities are "n/a", dates without a time print as dates,
// booleans as yes or no, and every other type as DuckDB writes it, as
// `complaints sql` shows it too (warehouse.Text: DECIMAL 1.5, INTERVAL
// "3 days", LIST "[1, 2]", STRUCT "{'a': 1}", MAP "{k=1}", BLOB "a\xFF",
// a JSON column's value as its JSON text).
func text(v any) string {
	switch x := v.(type) {
	case nil:
		return "n/a"
	case time.Time:
		return timeText(x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "n/a"
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	case float32:
		return text(float64(x))
	case bool:
		if x {
			return "yes"
		}
		return "no"
	default:
		return warehouse.Text(x)
	}
}

func timeText(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04")
}

func dateText(t time.Time) string { return t.Format("2006-01-02") }

// num converts a numeric query value to float64; ok is false for null.
func num(v any) (float64, bool) {
	// any numeric type (DECIMAL, HUGEINT, the small and unsigned integers);
	// NaN and infinities are no figure to show or chart (JSON has neither)
	f, ok := warehouse.Float(v)
	if !ok || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

func numPtr(v any) *float64 {
	f, ok := num(v)
	if !ok {
		return nil
	}
	return &f
}

func str(v any) string {
	if v == nil {
		return ""
	}
	return text(v)
}

// pct formats a fraction as a percentage with one decimal, "n/a" if unknown.
func pct(v any) string {
	f, ok := num(v)
	if !ok {
		return "n/a"
	}
	return strconv.FormatFloat(math.Round(f*1000)/10, 'f', 1, 64) + "%"
}

func count(v any) string {
	f, ok := num(v)
	if !ok {
		return "n/a"
	}
	return thousands(int64(f))
}

// plural is n, with thousands separated, and the noun in the number n
// takes: "1 alert", "0 alerts", "1,204 alerts".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(int64(n)) + " " + many
}

// noun is one when the count v is 1, else many: a figure's label, which
// the page writes under its value ("1" over "source", "2" over "sources").
func noun(v any, one, many string) string {
	if f, ok := num(v); ok && f == 1 {
		return one
	}
	return many
}

// verb is one when n is 1, else many: the word that agrees with a count
// written apart from it ("1 customer shows", "3 customers show").
func verb(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// thousands formats n with comma separators: 1234567 -> 1,234,567.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// periodRange is the days a period of the report covers, named for a
// tooltip or a title: "week 2024-03-25 to 2024-03-31", "month 2024-03-01
// to 2024-03-31"; a period the report date falls in, not over, ends on
// the report date and says it is partial. month names a calendar month
// whatever the report's period (the index's months).
func (r *run) periodRange(start time.Time, month bool) string {
	kind, end := r.opt.Period, r.addPeriods(start, 1)
	if month {
		kind, end = "month", start.AddDate(0, 1, 0)
	}
	s := fmt.Sprintf("%s %s to %s", kind, dateText(start), dateText(end.AddDate(0, 0, -1)))
	if r.partial(start, end) {
		s = fmt.Sprintf("%s %s to %s, partial: the report date falls in it", kind, dateText(start), dateText(r.asOf))
	}
	return s
}

// periodTitle is the periodRange of the period the trend detector names
// by its first day ("2024-03-25"), for a cell's title; "" when it is no
// date, or no first day of the report's period.
func (r *run) periodTitle(start string) string {
	t, err := time.Parse("2006-01-02", start)
	if err != nil || !r.truncPeriod(t).Equal(t) {
		return ""
	}
	return r.periodRange(t, false)
}

// partial reports whether the report date falls inside the period [start,
// end) without ending it: the period's data is of part of it only.
func (r *run) partial(start, end time.Time) bool {
	return metrics.Partial(start, end, r.cutoff)
}

// cutoffText is the cutoff as the pages write it, with its time zone: the
// warehouse stores every time in UTC (internal/warehouse).
func (r *run) cutoffText() string {
	return r.cutoff.Format("2006-01-02 15:04") + " UTC"
}

// periodDays is a complete period's first and last days, "2024-03-25 to
// 2024-03-31", where a page names the period in a sentence.
func (r *run) periodDays(start time.Time) string {
	return dateText(start) + " to " + dateText(r.addPeriods(start, 1).AddDate(0, 0, -1))
}

// hoursNote says in what hours the pages' times are counted: with
// business hours, that a working day counts 24 hours and which holidays
// are left out, by date ("the working time of Monday to Friday, less 2
// holidays" left an auditor to guess both: an exploratory QA pass).
func (r *run) hoursNote() string {
	if !r.opt.BusinessHours {
		return "Calendar hours."
	}
	days := "no holidays"
	if len(r.opt.Holidays) > 0 {
		ds := make([]string, 0, len(r.opt.Holidays))
		for _, h := range metrics.HolidayDates(r.opt.Holidays) {
			ds = append(ds, dateText(h))
		}
		slices.Sort(ds)
		days = "less the holidays " + strings.Join(slices.Compact(ds), ", ")
	}
	return "Business hours: 24 hours a day, Monday to Friday, " + days + ", between the two instants (as `complaints metrics --business-hours` counts them)."
}

// periodLabel names a period by its first day (ISO week) or its month.
func (r *run) periodLabel(v any) string {
	t, ok := v.(time.Time)
	if !ok {
		return text(v)
	}
	if r.opt.Period == "month" {
		return t.Format("2006-01")
	}
	return t.Format("2006-01-02")
}
