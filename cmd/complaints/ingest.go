package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/complaints/complaints/ingest"
	"github.com/complaints/complaints/internal/warehouse"
	"github.com/schollz/progressbar/v3"
)

func init() {
	register(&command{
		name:    "ingest",
		usage:   "ingest [--profile canonical|cfpb|zendesk|freshdesk|intercom|tickets|ticket-ratings|survey|generic] [--mapping F] [--source NAME] [--date-order month|day] [--sheet NAME] [--quiet] FILE...",
		summary: "load exports into the warehouse and print each file's reconciliation",
		run:     runIngest,
	})
}

type ingestFlags struct {
	profile, mapping, source, dateOrder, sheet string
	quiet                                      bool
	m                                          *ingest.Mapping // the mapping file's, read by prepare
}

// prepare reads the mapping file and checks the flags, before the
// warehouse is opened: a typo in --profile, --date-order or the mapping
// created an empty warehouse at --db, or migrated an older one, before
// the command failed.
func (f *ingestFlags) prepare() error {
	if f.mapping != "" && f.m == nil {
		m, err := ingest.LoadMapping(f.mapping)
		if err != nil {
			return err
		}
		f.m = m
	}
	return ingest.CheckOptions(ingest.Options{Profile: f.profile, DateOrder: f.dateOrder})
}

// define adds the ingest flags to fs; `ingest` and `run` share them.
func (f *ingestFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&f.profile, "profile", "", "export profile: canonical, cfpb, zendesk, freshdesk, intercom, tickets, ticket-ratings, survey or generic (default: detect each file's from its header)")
	fs.StringVar(&f.mapping, "mapping", "", "mapping file (YAML) for the generic profile")
	fs.StringVar(&f.source, "source", "", "source name for files without a source column: one system's exports (every file named gets it; files of different profiles are refused)")
	fs.StringVar(&f.dateOrder, "date-order", "", "month or day: the order of dates such as 03/04/2024 in a column none of whose days is over 12 (default: its records are rejected, saying so)")
	fs.StringVar(&f.sheet, "sheet", "", "the one sheet of an XLSX workbook to read (default: every sheet a profile reads, each a run of its own)")
	fs.BoolVar(&f.quiet, "quiet", false, "no progress bar")
}

func runIngest(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "ingest")
	var f ingestFlags
	f.define(fs)
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usageError("no file given: name the files to load")
	}
	if err := filesExist(files); err != nil {
		return err
	}
	if err := f.prepare(); err != nil {
		return err
	}
	if err := oneProfile(ctx, e, f, files); err != nil {
		return err
	}
	db, err := e.open(ctx, false)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := ingestFiles(ctx, e, db, f, files); err != nil {
		return err
	}
	return e.checkpoint(ctx, db)
}

// filesExist names a file that is not there, before the warehouse is
// opened and any file loaded: a typo in the third of three names loaded
// the first two and stopped.
func filesExist(files []string) error {
	for _, file := range files {
		if _, err := os.Stat(file); err != nil {
			return fmt.Errorf("%w (no file loaded)", err)
		}
	}
	return nil
}

// allRejected is the error of a file that held records and had every one
// rejected: a cron job saw exit 0 and a warning (QA pass AA). Its run and
// rejects are committed, as a reject never fails a load; the error says
// so. A ticket export's ratings load is not one: a file of tickets none of
// which was rated has each rejected as no answer.
func allRejected(res ingest.Result) error {
	if !res.AllRejected() || res.Profile == ingest.TicketRatings {
		return nil
	}
	return fmt.Errorf("%s: every one of its %d records rejected (first: %s): a wrong profile, mapping or date layout? "+
		"Its run %d and its rejects are committed, nothing lost: SELECT * FROM rejects WHERE run_id = %d",
		res.File, res.Read, res.FirstReject, res.RunID, res.RunID)
}

// options are the ingest options of the flags, for command e; prepare
// has read the mapping file.
func (f *ingestFlags) options(e *env) ingest.Options {
	return ingest.Options{Profile: f.profile, Mapping: f.m, Source: f.source, DateOrder: f.dateOrder, Sheet: f.sheet,
		Now: e.now, Log: e.log.With("stage", "ingest"), TempDir: e.tempDir}
}

// oneProfile refuses --source over files of different profiles, before
// any is loaded: it names the source of every file given, so a CFPB
// export and a survey file (`run --source weekly *.csv`) were filed under
// one source, the README's advice for a series of one system's exports
// taken for any (QA pass AA). A file whose profile cannot be told is
// left to its load to fail on. The profiles are told in a DuckDB of its
// own, in memory, before the warehouse is opened: told in the warehouse,
// a refusal left an empty one at --db, which `run` without a file then
// rendered as five empty pages (a newcomer QA pass).
func oneProfile(ctx context.Context, e *env, f ingestFlags, files []string) error {
	opts := f.options(e)
	if opts.Source == "" || opts.Profile != "" || opts.Mapping != nil || len(files) < 2 {
		return nil
	}
	opts.DetectOnly, opts.Progress, opts.Log = true, nil, nil
	tempDir := e.tempDir
	if tempDir == "" {
		tempDir = e.dbPath + ".tmp" // the warehouse's, were it open
	}
	mem, err := warehouse.Open(ctx, "", warehouse.Options{MemoryLimit: e.limit(), TempDir: tempDir})
	if err != nil {
		return fmt.Errorf("tell the files' profiles: %w", err)
	}
	defer mem.Close()
	var named []string
	profiles := map[string]bool{}
	for _, file := range files {
		res, err := ingest.File(ctx, mem, file, opts)
		if err != nil {
			continue
		}
		profiles[res.Profile] = true
		named = append(named, fmt.Sprintf("%s (%s)", file, res.Profile))
	}
	if len(profiles) < 2 {
		return nil
	}
	return usageError("--source %s names the source of every file, and these are of different profiles: %s: "+
		"give each system's files their own --source, one command each (no file loaded)", opts.Source, strings.Join(named, ", "))
}

// ingestFiles loads each file in its own transaction and prints its
// reconciliation line. It stops at the first file that cannot be read, or
// whose every record is rejected (allRejected).
func ingestFiles(ctx context.Context, e *env, db *warehouse.DB, f ingestFlags, files []string) ([]ingest.Result, error) {
	if err := f.prepare(); err != nil {
		return nil, err
	}
	opts := f.options(e)
	var results []ingest.Result
	// load loads one file (or one sheet of a workbook) and, for a ticket
	// export with satisfaction ratings, the ratings too
	load := func(file string, o ingest.Options) (ingest.Result, error) {
		var bar *progressbar.ProgressBar
		if e.terminal && !f.quiet {
			o.Progress = func(read, size int64) {
				if bar == nil {
					bar = progressbar.NewOptions64(size,
						progressbar.OptionSetWriter(e.stderr),
						progressbar.OptionSetDescription(cleanCell(file)),
						progressbar.OptionShowBytes(true),
						progressbar.OptionSetPredictTime(true),
						progressbar.OptionThrottle(200*time.Millisecond),
						progressbar.OptionClearOnFinish())
				}
				bar.Set64(read)
			}
		}
		res, err := ingest.File(ctx, db, file, o)
		if bar != nil {
			bar.Finish()
		}
		if err != nil {
			return res, err
		}
		res.Warehouse = e.dbPath // the rejects' query names it
		fmt.Fprintln(e.stdout, cleanCell(res.String()))
		results = append(results, res)
		if err := allRejected(res); err != nil {
			return res, err
		}
		if res.Ratings != "" {
			// a ticket export's satisfaction ratings are survey answers:
			// the file is loaded again, into surveys, as a run of its own
			o.Profile, o.Progress, o.Sheet = ingest.TicketRatings, nil, res.Sheet
			res, err := ingest.File(ctx, db, file, o)
			if err != nil {
				return res, err
			}
			res.Warehouse = e.dbPath
			fmt.Fprintln(e.stdout, cleanCell(res.String()))
			results = append(results, res)
		}
		return res, nil
	}
	for i, file := range files {
		res, err := load(file, opts)
		if err == nil {
			// a workbook's other sheets that a profile reads
			for _, sheet := range res.MoreSheets {
				o := opts
				o.Sheet = sheet
				if _, err = load(file, o); err != nil {
					break
				}
			}
		}
		if err != nil {
			if rest := files[i+1:]; len(rest) > 0 {
				// the files before stay loaded (each in its own
				// transaction); say which were not
				err = fmt.Errorf("%w (not loaded: %s)", err, strings.Join(rest, ", "))
			}
			return results, err
		}
	}
	return results, nil
}
