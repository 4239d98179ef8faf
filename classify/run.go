//go:build duckdb_arrow

package classify

import (
	"context"
	"database/sql"
	"database/sql/driver"
	_ "embed"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/duckdb/duckdb-go/v2"
)

var (
	//go:embed sql/todo_unclassified.sql
	todoUnclassifiedSQL string
	//go:embed sql/todo_all.sql
	todoAllSQL string
	//go:embed sql/todo_windows.sql
	todoWindowsSQL string
	//go:embed sql/select_window.sql
	selectWindowSQL string
	//go:embed sql/insert_batch.sql
	insertBatchSQL string
	//go:embed sql/classified_through.sql
	classifiedThroughSQL string
	//go:embed sql/record_run.sql
	recordRunSQL string
	//go:embed sql/last_run.sql
	lastRunSQL string
	//go:embed sql/other_models.sql
	otherModelsSQL string
)

// DB is what Run needs of the warehouse: dedicated connections (one streams
// complaints out, one writes classifications back). *warehouse.DB has it.
type DB interface {
	Conn(ctx context.Context) (*sql.Conn, error)
}

// RunOptions configure Run. The zero value classifies the complaints not
// yet classified, with the default taxonomy, stamping time.Now.
type RunOptions struct {
	All       bool             // reclassify every complaint, not only unclassified ones
	Taxonomy  string           // taxonomy YAML file; empty: the embedded default
	Model     string           // trained model file (see Train); empty: topics from the taxonomy
	Now       func() time.Time // classified_at; nil: time.Now
	Workers   int              // classifier goroutines; 0: all cores
	BatchRows int              // rows per write; 0: 16384
	ReadRows  int              // complaints per read window; 0: defaultReadRows
	Log       *slog.Logger     // progress at debug level; nil: discard
}

// Stats summarise a Run.
type Stats struct {
	Complaints    int // classified in this run
	WithNarrative int
	NotEnglish    int // narratives in a language the models do not cover
	Undetermined  int // narratives whose language could not be told (no words, an unnamed script)
	Model         string
	// Given a taxonomy or model (and not All): the complaints classified
	// before by another model, which keep its topics, the first such
	// model by name and how many more there are.
	Kept       int64
	KeptModel  string
	KeptOthers int64
}

// Run classifies the warehouse's complaints and writes one current
// classifications row per complaint, all in one transaction, with a
// classify_runs row recording how far the ingest runs it covered go: the
// next Run looks for unclassified complaints among later runs only
// (sql/classified_through.sql).
//
// Text moves as Arrow record batches: complaints come out of DuckDB
// through duckdb-go's Arrow interface a window of ReadRows row ids at a time
// (duckdb-go holds a query's whole result before the first batch, so one
// query over the table would hold all its text), read by their own
// goroutine, are classified in Go a batch at a time on all cores, and go
// back as Arrow records registered as a view and inserted with INSERT ...
// SELECT. At most one window of text, a few batches in Go (2,048 rows
// each) and up to BatchRows rows waiting to be written are in memory at
// once. With All, the previous classifications are deleted in the same
// transaction. DuckDB runs on one thread meanwhile (oneDuckDBThread).
func Run(ctx context.Context, db DB, opts RunOptions) (Stats, error) {
	var st Stats
	c, err := classifierFor(ctx, db, opts)
	if err != nil {
		return st, err
	}
	if opts.Taxonomy != "" && opts.Log != nil {
		// what the taxonomy file holds that cannot work as written, with
		// its line (stderr, at the command line)
		for _, w := range c.Taxonomy().Warnings() {
			opts.Log.Warn("taxonomy: "+w, "file", opts.Taxonomy)
		}
	}
	st.Model = c.Name()
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	stamp := now().UTC()
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if labels := c.unroutedLabels(); len(labels) > 0 {
		// the airline's nine reasons all went to Customer Service, and
		// nothing said why (QA pass AG)
		log.Warn("labels of the model route to no topic of the taxonomy (by name, label or alias): their complaints go to its default department",
			"labels", strings.Join(labels, ", "), "department", c.tax.DefaultDepartment, "model", c.Name())
	}
	var others otherModels
	if (opts.Taxonomy != "" || opts.Model != "") && !opts.All {
		if others, err = readOtherModels(ctx, db, c.Name()); err != nil {
			return st, err
		}
		st.Kept, st.KeptModel, st.KeptOthers = others.complaints, others.model, others.more
	}
	// A taxonomy or model given that the latest run did not use is
	// recorded even when it classifies nothing: a plain classify goes on
	// with what was given last (classifierFor). Unrecorded, `classify
	// --taxonomy` with version 2 of a taxonomy over complaints all
	// classified by version 1 left the next plain classify at version 1
	// (QA pass BC).
	switched := false
	if (opts.Taxonomy != "" || opts.Model != "") && !opts.All { // All is recorded anyway
		latest, found, err := readLatestRun(ctx, db)
		if err != nil {
			return st, err
		}
		switched = !found || latest.model != st.Model
	}
	batchRows := opts.BatchRows
	if batchRows <= 0 {
		batchRows = 16384
	}

	readConn, err := db.Conn(ctx)
	if err != nil {
		return st, fmt.Errorf("classify: connect: %w", err)
	}
	defer readConn.Close()
	writeConn, err := db.Conn(ctx)
	if err != nil {
		return st, fmt.Errorf("classify: connect: %w", err)
	}
	defer writeConn.Close()

	restore, err := oneDuckDBThread(ctx, writeConn, log)
	if err != nil {
		return st, err
	}
	defer restore()

	if _, err := writeConn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return st, fmt.Errorf("classify: begin: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			writeConn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	// The highest ingest run now, which this run records (every complaint
	// of it or an earlier one is classified once the run commits), and the
	// one the last run recorded.
	var last sql.NullInt64
	var done int64
	if err := readConn.QueryRowContext(ctx, classifiedThroughSQL).Scan(&last, &done); err != nil {
		return st, fmt.Errorf("classify: read the last ingest and classify runs: %w", err)
	}
	todo, todoArgs := todoUnclassifiedSQL, []any{done}
	if opts.All {
		todo, todoArgs = todoAllSQL, nil
		if _, err := writeConn.ExecContext(ctx, "DELETE FROM classifications"); err != nil {
			return st, fmt.Errorf("classify: delete previous classifications: %w", err)
		}
	}
	windows, err := readWindows(ctx, readConn, todo, todoArgs, opts.ReadRows)
	defer readConn.ExecContext(context.WithoutCancel(ctx), "DROP TABLE IF EXISTS classify_todo")
	if err != nil {
		return st, err
	}

	w := &batchWriter{conn: writeConn, model: st.Model, stamp: stamp, reserve: batchRows}
	defer w.release()
	// A reader goroutine streams record batches out of DuckDB and copies
	// them into Go strings while this one classifies and writes the
	// previous batch, so DuckDB's scan overlaps the classifiers.
	//
	// The queues hold a window's worth of batches (readAhead), and the
	// classifiers run up to classifyAhead batches ahead of the writer:
	// duckdb-go runs a window's whole query before its first batch, and
	// the writer's INSERT takes a while too, and with room for only 2 or 3
	// batches the classifiers waited on either. BenchmarkRun, 1M, pairs
	// run beside each other: 1.73-1.75 cores busy with the small queues,
	// 1.78-1.82 with the reader's 32 (47.4k, 53.6k, 53.2k complaints/s
	// against 40.6k, 46.4k, 50.9k), 1.80-1.85 running 8 ahead of the writer
	// too (50.6k, 56.5k, 52.4k against 40.6k, 53.8k, 48.0k). `complaints
	// classify` on the 1M warehouse: 21.0 and 21.6 s against 22.0 and 22.6,
	// peak memory 1.57-1.61 GB against 1.41-1.59.
	rctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan *inBatch, readAhead)
	spent := make(chan *inBatch, readAhead+2) // batches the writer is done with, for the reader to fill again
	readErr := make(chan error, 1)
	go func() {
		defer close(batches)
		readErr <- withArrow(rctx, readConn, func(a *duckdb.Arrow) error {
			for _, w := range windows {
				if err := readWindow(rctx, a, w, batches, spent); err != nil {
					return err
				}
			}
			return nil
		})
	}()
	// A writer goroutine finishes each classified batch (topics of the
	// complaints without narrative), appends it to the Arrow builder and
	// inserts full builders, while this one classifies the next batch.
	type classified struct {
		b       *inBatch
		results []Result
	}
	toWrite := make(chan classified, writeAhead)
	free := make(chan []Result, classifyAhead+writeAhead) // result slices the writer is done with
	writerDone := make(chan struct{})
	var writeErr error
	go func() {
		defer close(writerDone)
		writeErr = func() error {
			// product/issue combinations repeat: classify each once
			type topicOf struct {
				topic string
				conf  float64
			}
			contextTopics := map[string]topicOf{}
			for cb := range toWrite {
				b := cb.b
				for i := range cb.results {
					r := &cb.results[i]
					hasNarrative := !b.null[i] && strings.TrimSpace(b.narr[i]) != ""
					if hasNarrative {
						st.WithNarrative++
						switch r.Language {
						case LanguageEnglish:
						case LanguageUndetermined:
							st.Undetermined++
						default:
							st.NotEnglish++
						}
					} else {
						// no customer text: topic from product and issue only
						*r = Result{Evidence: `{"not_covered":"no narrative: topic from product and issue"}`}
						key := b.context[i]
						tc, ok := contextTopics[key]
						if !ok {
							tc.topic, tc.conf = c.TopicOf(key)
							if len(contextTopics) < 100000 {
								contextTopics[strings.Clone(key)] = tc // key is a view of b's buffer
							}
						}
						r.Topic, r.TopicConfidence = tc.topic, tc.conf
						r.Department = c.department(r.Topic)
					}
					w.add(b.source[i], b.id[i], r, hasNarrative)
					st.Complaints++
				}
				select {
				case free <- cb.results:
				default:
				}
				// the rows are in the Arrow builder now: b's strings are
				// no longer used (the results that quote them are reused)
				select {
				case spent <- b:
				default:
				}
				if w.rows >= batchRows {
					if err := w.flush(ctx); err != nil {
						return err
					}
					log.Debug("classified", "complaints", st.Complaints)
				}
			}
			return w.flush(ctx)
		}()
	}()
	// Classifier goroutines take chunks of rows from whichever batch is in
	// flight, so the last chunks of one batch overlap the first of the
	// next and no core waits at the end of a batch; batches go to the
	// writer in order.
	type job struct {
		b       *inBatch
		results []Result
		left    sync.WaitGroup // chunks not yet classified
	}
	type chunk struct {
		j    *job
		s, e int
	}
	const chunkRows = 64
	chunks := make(chan chunk, 2*c.workers)
	inFlight := make(chan *job, classifyAhead)
	var classifiers sync.WaitGroup
	for range c.workers {
		classifiers.Add(1)
		go func() {
			defer classifiers.Done()
			cw := c.getWorker()
			defer c.putWorker(cw)
			for ch := range chunks {
				if ctx.Err() == nil {
					for i := ch.s; i < ch.e; i++ {
						ch.j.results[i] = c.classify(cw, ch.j.b.narr[i])
					}
				}
				ch.j.left.Done()
			}
		}()
	}
	inOrderDone := make(chan struct{})
	go func() {
		defer close(inOrderDone)
		defer close(toWrite)
		for j := range inFlight {
			j.left.Wait()
			if ctx.Err() != nil {
				continue
			}
			select {
			case toWrite <- classified{j.b, j.results}:
			case <-writerDone: // the writer failed: drop the rest
			}
		}
	}()
	err = func() error {
		for b := range batches {
			if err := ctx.Err(); err != nil {
				return err
			}
			select {
			case <-writerDone:
				return nil // the writer failed: its error is reported below
			default:
			}
			n := len(b.narr)
			var results []Result
			select {
			case results = <-free:
			default:
			}
			j := &job{b: b, results: append(results[:0], make([]Result, n)...)}
			j.left.Add((n + chunkRows - 1) / chunkRows)
			inFlight <- j
			for s := 0; s < n; s += chunkRows {
				chunks <- chunk{j, s, min(s+chunkRows, n)}
			}
		}
		return ctx.Err()
	}()
	close(inFlight)
	close(chunks)
	classifiers.Wait()
	<-inOrderDone
	<-writerDone
	if err == nil {
		err = writeErr
	}
	if err != nil {
		cancel()
		for range batches { // let the reader finish
		}
		<-readErr
	} else {
		err = <-readErr
	}
	if err != nil {
		return st, fmt.Errorf("classify: %w", err)
	}
	// A run that classified nothing, moves no mark and switches to no
	// other taxonomy or model is not recorded: a classify scheduled often
	// would fill the table (and the audit page, which lists it) with runs
	// that changed nothing.
	if st.Complaints > 0 || opts.All || last.Valid && last.Int64 > done || switched {
		var taxonomy sql.NullString // the reports read survey comments with it
		if c.TopicsFromFile() {     // given, or the latest run's (classifierFor)
			taxonomy = sql.NullString{String: string(c.Taxonomy().Source()), Valid: true}
		}
		if _, err := writeConn.ExecContext(ctx, recordRunSQL, stamp, st.Model, opts.All, st.Complaints, last, taxonomy); err != nil {
			return st, fmt.Errorf("classify: record the run: %w", err)
		}
	}
	if _, err := writeConn.ExecContext(ctx, "COMMIT"); err != nil {
		return st, fmt.Errorf("classify: commit: %w", err)
	}
	committed = true
	if others.complaints > 0 && st.Complaints > 0 {
		// a run that classified nothing puts no topics beside the old
		// ones: it warned all the same (QA pass AG)
		log.Warn("complaints classified before by another model keep its topics beside this one's; classify --all classifies every complaint with this one",
			"model", st.Model, "other_model", others.model, "complaints", others.complaints)
	}
	return st, nil
}

// How far ahead the stages of Run may run, in batches of arrowBatchRows
// complaints (see Run).
const (
	defaultReadRows = 65536                            // complaints per read window (RunOptions.ReadRows)
	arrowBatchRows  = 2048                             // rows per record batch duckdb-go hands over (DuckDB's vector size)
	readAhead       = defaultReadRows / arrowBatchRows // the reader: a default window (32 batches)
	classifyAhead   = 8                                // the classifiers, beyond the batch being written
	writeAhead      = 4                                // classified batches waiting for the writer
)

// oneDuckDBThread sets the database to one DuckDB thread while Run
// classifies, and returns what restores the previous count. The
// classifiers already keep every core busy; a DuckDB worker thread on top
// mostly made the threads calling DuckDB (the reader's and the writer's)
// spin, waiting for the worker to finish a query's only task (duckdb's
// PendingQueryResult::Execute polls its task queue under a mutex).
// BenchmarkRun, 1M complaints, alternating with 51f8f8d (two threads):
// 52.4k, 54.8k and 46.3k complaints/s against 46.1k, 43.9k and 49.8k;
// 32.3-37.4 CPU s against 35.6-41.7. The setting is the database's, not
// the connection's: nothing else should use the database while Run does.
func oneDuckDBThread(ctx context.Context, conn *sql.Conn, log *slog.Logger) (restore func(), err error) {
	var threads int64
	if err := conn.QueryRowContext(ctx, "SELECT current_setting('threads')").Scan(&threads); err != nil {
		return nil, fmt.Errorf("classify: read DuckDB threads: %w", err)
	}
	if _, err := conn.ExecContext(ctx, "SET threads = 1"); err != nil {
		return nil, fmt.Errorf("classify: set DuckDB threads: %w", err)
	}
	return func() {
		// an integer read from DuckDB, not text from outside
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), "SET threads = "+strconv.FormatInt(threads, 10)); err != nil {
			// Run's outcome stands; later queries of the database run on one thread
			log.Warn("classify: restore DuckDB threads", "threads", threads, "err", err)
		}
	}, nil
}

// otherModels are the complaints of the warehouse classified by another
// model than the one given for the new ones, and the first such model.
type otherModels struct {
	complaints int64
	model      string
	more       int64 // other models besides that one
}

// readOtherModels reads the complaints classified by another model than
// model. Run warns of them when it classifies complaints: their topics are
// then two vocabularies side by side (a topic renamed reads as one that
// vanished and one that spiked: QA pass L), which classify --all ends.
func readOtherModels(ctx context.Context, db DB, model string) (otherModels, error) {
	var o otherModels
	conn, err := db.Conn(ctx)
	if err != nil {
		return o, fmt.Errorf("classify: connect: %w", err)
	}
	defer conn.Close()
	var other sql.NullString
	var models int64
	if err := conn.QueryRowContext(ctx, otherModelsSQL, model).Scan(&o.complaints, &other, &models); err != nil {
		return o, fmt.Errorf("classify: read the models of the classifications: %w", err)
	}
	o.model, o.more = other.String, max(models-1, 0)
	return o, nil
}

// latestRun is what classify_runs records of the latest classify run: its
// model and, when its topics came from a taxonomy file, that file's YAML.
type latestRun struct {
	model string
	yaml  sql.NullString
}

// readLatestRun reads the latest classify run; found is false when none
// is recorded.
func readLatestRun(ctx context.Context, db DB) (r latestRun, found bool, err error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return r, false, fmt.Errorf("classify: connect: %w", err)
	}
	defer conn.Close()
	err = conn.QueryRowContext(ctx, lastRunSQL).Scan(&r.model, &r.yaml)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	if err != nil {
		return r, false, fmt.Errorf("classify: read the latest classify run: %w", err)
	}
	return r, true, nil
}

// classifierFor builds the classifier of a run. Given neither a taxonomy
// nor a model, a run that classifies only the complaints not yet
// classified goes on as the warehouse's latest run did, so that one
// warehouse holds one vocabulary of topics: with the taxonomy that run
// read from a file (classify_runs keeps its YAML), with the built-in
// taxonomy after a run that used it, and not at all after a run that used
// a trained model, which the warehouse does not hold (the error says to
// give it). Before, a weekly `run` after `classify --taxonomy FILE`
// classified the new complaints with the built-in taxonomy, and the trend
// detector read the change of vocabulary as new and vanished topics. With
// All, every complaint is classified again by what is given (nothing: the
// built-in taxonomy), except after a run with a trained model: then, as
// without All, the error (ModelNeededError) asks for the model, or a
// taxonomy to switch to deliberately.
func classifierFor(ctx context.Context, db DB, opts RunOptions) (*Classifier, error) {
	if opts.Taxonomy != "" || opts.Model != "" {
		return NewFromFiles(opts.Taxonomy, opts.Model, opts.Workers)
	}
	latest, found, err := readLatestRun(ctx, db)
	if err != nil {
		return nil, err
	}
	if !found {
		return New(Options{Workers: opts.Workers}), nil
	}
	yaml := latest.yaml
	_, topics, _ := strings.Cut(latest.model, " ") // "classify/1 taxonomy:ours@2"
	trained := !yaml.Valid && !strings.HasPrefix(topics, "taxonomy:")
	switch {
	case trained:
		// With All too: every complaint classified again by the built-in
		// taxonomy, silently, dropped the model's topics (QA pass AG).
		return nil, &ModelNeededError{Model: topics, All: opts.All}
	case opts.All:
		return New(Options{Workers: opts.Workers}), nil
	case yaml.Valid:
		t, err := ParseTaxonomy([]byte(yaml.String))
		if err != nil {
			return nil, fmt.Errorf("classify: the taxonomy of the latest run (%s): %w", topics, err)
		}
		name, _, _ := strings.Cut(strings.TrimPrefix(topics, "taxonomy:"), "@")
		return New(Options{Taxonomy: t, TaxonomyName: name, Workers: opts.Workers}), nil
	default:
		return New(Options{Workers: opts.Workers}), nil
	}
}

// unroutedLabels returns the labels of the classifier's trained model (if
// any) that name no topic of its taxonomy, which routes them to its
// default department; topic other, the catch-all, is not among them.
func (c *Classifier) unroutedLabels() []string {
	if c.model == nil {
		return nil
	}
	var out []string
	for _, l := range c.model.Labels {
		if _, ok := c.tax.Lookup(l); !ok && l != TopicOther {
			out = append(out, l)
		}
	}
	return out
}

// ModelNeededError is Run's when it is given neither a taxonomy nor a
// model and the warehouse's latest classify run used a trained model,
// which the warehouse does not hold: Run cannot go on as that run did, and
// the built-in taxonomy would put a vocabulary of topics of its own beside
// the model's (or, with All, in place of it). The command line words the
// advice in its flags.
type ModelNeededError struct {
	Model string // the model as classifications.model names it, without "classify/1 "
	All   bool   // every complaint was to be classified again
}

func (e *ModelNeededError) Error() string {
	return fmt.Sprintf("classify: the complaints were last classified with the trained model %s, which the warehouse does not hold: "+
		"give the model file to classify them alike, or a taxonomy file to classify by its topics", e.Model)
}

// NewFromFiles builds a Classifier from an optional taxonomy file and an
// optional model file (empty paths: the defaults).
func NewFromFiles(taxonomyPath, modelPath string, workers int) (*Classifier, error) {
	opts := Options{Workers: workers}
	if taxonomyPath != "" {
		t, err := LoadTaxonomy(taxonomyPath)
		if err != nil {
			return nil, err
		}
		opts.Taxonomy = t
		opts.TaxonomyName = strings.TrimSuffix(filepath.Base(taxonomyPath), filepath.Ext(taxonomyPath))
	}
	if modelPath != "" {
		m, err := LoadModel(modelPath)
		if err != nil {
			return nil, err
		}
		opts.Model = m
	}
	return New(opts), nil
}

// withArrow runs f with the Arrow interface of a connection's driver
// connection.
func withArrow(ctx context.Context, conn *sql.Conn, f func(*duckdb.Arrow) error) error {
	return conn.Raw(func(dc any) error {
		a, err := duckdb.NewArrowFromConn(dc.(driver.Conn))
		if err != nil {
			return fmt.Errorf("arrow interface: %w", err)
		}
		return f(a)
	})
}

// window is a range of complaint row ids, both ends included.
type window struct{ lo, hi int64 }

// readWindows records the row ids to classify (the todo query, given args)
// in a temporary table of conn and cuts them into windows of at most rows
// complaints each.
func readWindows(ctx context.Context, conn *sql.Conn, todo string, args []any, rows int) ([]window, error) {
	if rows <= 0 {
		rows = defaultReadRows
	}
	if _, err := conn.ExecContext(ctx, todo, args...); err != nil {
		return nil, fmt.Errorf("classify: find complaints to classify: %w", err)
	}
	rs, err := conn.QueryContext(ctx, todoWindowsSQL, rows)
	if err != nil {
		return nil, fmt.Errorf("classify: cut into windows: %w", err)
	}
	defer rs.Close()
	var ws []window
	for rs.Next() {
		var w window
		if err := rs.Scan(&w.lo, &w.hi); err != nil {
			return nil, fmt.Errorf("classify: cut into windows: %w", err)
		}
		ws = append(ws, w)
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("classify: cut into windows: %w", err)
	}
	return ws, nil
}

// readWindow sends the complaints of one window to batches, copied into Go
// memory a record batch at a time, into a spent batch when there is one.
func readWindow(ctx context.Context, a *duckdb.Arrow, w window, batches chan<- *inBatch, spent <-chan *inBatch) error {
	rr, err := a.QueryContext(ctx, selectWindowSQL, w.lo, w.hi, w.lo, w.hi)
	if err != nil {
		return fmt.Errorf("query complaints: %w", err)
	}
	defer rr.Release()
	for rr.Next() {
		var reuse *inBatch
		select {
		case reuse = <-spent:
		default:
		}
		b, err := copyBatch(rr.RecordBatch(), reuse)
		if err != nil {
			return err
		}
		select {
		case batches <- b:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if err := rr.Err(); err != nil {
		return fmt.Errorf("read complaints: %w", err)
	}
	return nil
}

// inBatch is one record batch of complaints copied into Go memory (the
// Arrow buffers are released when the reader moves on). Its strings are
// views of one buffer, text, which the next batch read into it overwrites:
// whatever outlives the batch must be copied.
type inBatch struct {
	source, id, narr, context []string
	null                      []bool // narrative is NULL
	text                      []byte
}

// copyBatch copies a record batch into b (nil: a new batch), reusing its
// memory. Reusing it matters: on these virtual machines the first touch
// of a page of memory costs about 10 µs, and a batch's text copied into
// fresh strings was a fifth of the bytes classify allocated.
func copyBatch(rec arrow.RecordBatch, b *inBatch) (*inBatch, error) {
	src, id, narr, ctxCol, err := textColumns(rec)
	if err != nil {
		return nil, err
	}
	n := int(rec.NumRows())
	if b == nil {
		b = &inBatch{}
	}
	size := 0
	for i := range n {
		size += len(src.Value(i)) + len(id.Value(i)) + len(ctxCol.Value(i))
		if !narr.IsNull(i) {
			size += len(narr.Value(i))
		}
	}
	if cap(b.text) < size {
		b.text = make([]byte, 0, size+size/8)
	}
	b.text = b.text[:0]
	view := func(s string) string {
		// b.text has room for every string: appending never moves it
		if s == "" {
			return ""
		}
		at := len(b.text)
		b.text = append(b.text, s...)
		return unsafe.String(unsafe.SliceData(b.text[at:]), len(s))
	}
	b.source, b.id, b.narr, b.context = resize(b.source, n), resize(b.id, n), resize(b.narr, n), resize(b.context, n)
	b.null = resize(b.null, n)
	for i := range n {
		b.source[i] = view(src.Value(i))
		b.id[i] = view(id.Value(i))
		b.null[i] = narr.IsNull(i)
		b.narr[i] = ""
		if !b.null[i] {
			b.narr[i] = view(narr.Value(i))
		}
		b.context[i] = view(ctxCol.Value(i))
	}
	return b, nil
}

// resize returns s with length n, reusing its array when it is long enough.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// stringArray is what Run reads of an Arrow string column, whichever of
// DuckDB's string encodings (utf8, large utf8, string view) it arrives in.
type stringArray interface {
	Value(i int) string
	IsNull(i int) bool
}

func textColumns(rec arrow.RecordBatch) (src, id, narr, ctx stringArray, err error) {
	if rec.NumCols() != 4 {
		return nil, nil, nil, nil, fmt.Errorf("complaints query returned %d columns, want 4", rec.NumCols())
	}
	cols := make([]stringArray, 4)
	for i := range cols {
		s, ok := rec.Column(i).(stringArray)
		if !ok {
			return nil, nil, nil, nil, fmt.Errorf("column %s is %s, want a string type", rec.ColumnName(i), rec.Column(i).DataType())
		}
		cols[i] = s
	}
	return cols[0], cols[1], cols[2], cols[3], nil
}

// outSchema is the Arrow schema of the classifications Run writes; model
// and classified_at are the same for every row and go as parameters.
var outSchema = arrow.NewSchema([]arrow.Field{
	{Name: "source", Type: arrow.BinaryTypes.String},
	{Name: "complaint_id", Type: arrow.BinaryTypes.String},
	{Name: "topic", Type: arrow.BinaryTypes.String},
	{Name: "topic_confidence", Type: arrow.PrimitiveTypes.Float64},
	{Name: "department", Type: arrow.BinaryTypes.String},
	{Name: "sentiment", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	{Name: "sentiment_label", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "churn_intent", Type: arrow.FixedWidthTypes.Boolean},
	{Name: "legal_threat", Type: arrow.FixedWidthTypes.Boolean},
	{Name: "urgent", Type: arrow.FixedWidthTypes.Boolean},
	{Name: "evidence", Type: arrow.BinaryTypes.String},
	{Name: "language", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "narrative_redacted", Type: arrow.BinaryTypes.String, Nullable: true},
}, nil)

// batchWriter accumulates classifications in an Arrow record builder and
// inserts them through a registered view.
type batchWriter struct {
	conn  *sql.Conn
	model string
	stamp time.Time
	b     *array.RecordBuilder
	rows  int
	n     int // views registered, for unique names

	// A batch is about as large as the last one: its rows (reserve) and
	// the bytes of its string columns (lastData, by field) are reserved
	// up front instead of every builder growing by doubling.
	reserve  int
	lastData []int
}

func (w *batchWriter) add(source, id string, r *Result, hasNarrative bool) {
	if w.b == nil {
		// a batch's buffers come back when DuckDB has inserted it
		w.b = array.NewRecordBuilder(newReusedMemory(256<<20), outSchema)
	}
	f := w.b.Fields()
	if w.rows == 0 {
		w.b.Reserve(w.reserve)
		for i, n := range w.lastData {
			if n > 0 {
				f[i].(*array.StringBuilder).ReserveData(n)
			}
		}
	}
	f[0].(*array.StringBuilder).Append(source)
	f[1].(*array.StringBuilder).Append(id)
	f[2].(*array.StringBuilder).Append(r.Topic)
	f[3].(*array.Float64Builder).Append(r.TopicConfidence)
	f[4].(*array.StringBuilder).Append(r.Department)
	if r.HasSentiment {
		f[5].(*array.Float64Builder).Append(r.Sentiment)
		f[6].(*array.StringBuilder).Append(r.SentimentLabel)
	} else {
		f[5].AppendNull()
		f[6].AppendNull()
	}
	f[7].(*array.BooleanBuilder).Append(r.Churn)
	f[8].(*array.BooleanBuilder).Append(r.Legal)
	f[9].(*array.BooleanBuilder).Append(r.Urgent)
	f[10].(*array.StringBuilder).Append(r.Evidence)
	if hasNarrative {
		f[11].(*array.StringBuilder).Append(r.Language)
		f[12].(*array.StringBuilder).Append(r.Redacted)
	} else {
		f[11].AppendNull()
		f[12].AppendNull()
	}
	w.rows++
}

// flush inserts the accumulated rows.
func (w *batchWriter) flush(ctx context.Context) error {
	if w.rows == 0 {
		return nil
	}
	w.lastData = w.lastData[:0]
	for _, f := range w.b.Fields() {
		n := 0
		if sb, ok := f.(*array.StringBuilder); ok {
			n = sb.DataLen()
		}
		w.lastData = append(w.lastData, n)
	}
	rec := w.b.NewRecordBatch()
	defer rec.Release()
	w.rows = 0
	rr, err := array.NewRecordReader(outSchema, []arrow.RecordBatch{rec})
	if err != nil {
		return fmt.Errorf("write classifications: %w", err)
	}
	defer rr.Release()
	w.n++
	view := fmt.Sprintf("classify_batch_%d", w.n) // our own identifier, never data
	// Register inside Raw (which holds the connection), execute outside it.
	var release func()
	err = withArrow(ctx, w.conn, func(a *duckdb.Arrow) error {
		var err error
		release, err = a.RegisterView(rr, view)
		return err
	})
	if err != nil {
		return fmt.Errorf("write classifications: register view: %w", err)
	}
	defer release()
	if _, err := w.conn.ExecContext(ctx, fmt.Sprintf(insertBatchSQL, view), w.model, w.stamp); err != nil {
		return fmt.Errorf("write classifications: %w", err)
	}
	if _, err := w.conn.ExecContext(ctx, "DROP VIEW IF EXISTS "+view); err != nil {
		return fmt.Errorf("write classifications: %w", err)
	}
	return nil
}

func (w *batchWriter) release() {
	if w.b != nil {
		w.b.Release()
	}
}
