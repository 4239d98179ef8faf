package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/complaints/complaints/classify"
	"github.com/complaints/complaints/internal/warehouse"
	"golang.org/x/term"
)

// env is what every command gets: where to write, which warehouse, and the
// clock. It is built once in run.
type env struct {
	stdout, stderr io.Writer
	log            *slog.Logger
	dbPath         string
	memoryLimit    string
	tempDir        string
	now            func() time.Time
	terminal       bool // stderr is a terminal (progress bars)
	// taxonomy and model are run's --taxonomy and --model, for its
	// classify stage (classifyStage)
	taxonomy, model string
	// flagHelp holds what the command's flag set printed (newFlags): its
	// flags, asked for with -h (run prints them on stdout), or a bad flag
	// and the flags (not printed: the error says what is wrong)
	flagHelp bytes.Buffer
}

// steps returns a function that logs a step of the command stage at
// debug level (-v), with the seconds since the step before it (the first:
// since steps was called), as ingest and report log theirs.
func (e *env) steps(stage string) func(step string, args ...any) {
	log := e.log.With("stage", stage)
	last := time.Now()
	return func(step string, args ...any) {
		now := time.Now()
		log.Debug(stage+" step", append([]any{"step", step, "seconds", now.Sub(last).Seconds()}, args...)...)
		last = now
	}
}

// command is one subcommand. Each lives in its own file and adds itself to
// commands in an init function, so the table reads as the list of files.
type command struct {
	name    string
	usage   string // the line after "complaints "
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("main: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// errUsage marks an error in a command's arguments: errors.Is finds it in
// each usageError.
var errUsage = errors.New("usage")

// usageError says what is wrong with a command's arguments: "report:
// usage" said neither that --out was missing nor which argument was one
// too many (QA pass R). run adds where the command's usage is.
func usageError(format string, args ...any) error {
	return usageErr(fmt.Sprintf(format, args...))
}

// usageErr is a usageError: its message alone, one line, as every error
// (README, commands); it printed the usage line before it, and a flag the
// flag package refused every flag's help (a newcomer QA pass).
type usageErr string

func (u usageErr) Error() string { return string(u) }

func (u usageErr) Is(target error) bool { return target == errUsage }

// extraArgs is the usage error for arguments a command does not take.
func extraArgs(rest []string) error {
	return usageError("unexpected argument %q (this command takes flags only)", rest[0])
}

// run parses the global flags (accepted before or after the command name),
// then dispatches.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	e := &env{
		stdout: stdout,
		stderr: stderr,
		dbPath: os.Getenv("COMPLAINTS_DB"),
		now:    time.Now,
	}
	if e.dbPath == "" {
		e.dbPath = "complaints.duckdb"
	}
	if f, ok := stderr.(*os.File); ok {
		e.terminal = term.IsTerminal(int(f.Fd()))
	}
	verbose := false
	rest, err := extractGlobals(args, e, &verbose)
	if err != nil {
		return err
	}
	level := slog.LevelWarn
	if verbose {
		level = slog.LevelDebug
	}
	e.log = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	if len(rest) > 0 && slices.Contains([]string{"help", "-h", "-help", "--help"}, rest[0]) {
		switch len(rest) {
		case 1:
			printHelp(stdout)
			return nil
		case 2:
			// `help metrics` printed the general help (QA pass BI)
			rest = []string{rest[1], "-h"}
		default:
			return fmt.Errorf("%s takes one command name, got %d", rest[0], len(rest)-1)
		}
	}
	// each a line, as every error, saying where the commands are listed
	if len(rest) == 0 {
		// a script that forgot its command fails, as with an unknown one
		return errors.New("no command given; see `complaints help`")
	}
	c, ok := commands[rest[0]]
	if !ok {
		if strings.HasPrefix(rest[0], "-") {
			return fmt.Errorf("unknown flag %q (the global flags are --db, --memory-limit, --temp-dir and -v; a command's own flags follow its name); see `complaints help`", rest[0])
		}
		return fmt.Errorf("unknown command %q; see `complaints help`", rest[0])
	}
	err = c.run(ctx, e, rest[1:])
	if errors.Is(err, flag.ErrHelp) {
		// help asked for goes to stdout, where a pager or grep reads it
		// (`metrics --help | grep as-of` found nothing: QA pass BI)
		stdout.Write(e.flagHelp.Bytes())
		fmt.Fprintf(stdout, "usage: complaints %s\n", c.usage)
		return nil
	}
	if errors.Is(err, errUsage) {
		err = fmt.Errorf("%w; see `complaints help %s`", err, c.name)
	}
	if errors.Is(err, context.Canceled) && ctx.Err() != nil {
		err = interrupted{err}
	}
	if warehouse.IsDamaged(err) && !errors.Is(err, warehouse.ErrDamaged) {
		// A damaged data block shows only when a query reads it.
		err = fmt.Errorf("warehouse %s is damaged (restore it from a backup, and delete any .wal file beside it first): %w", e.dbPath, err)
	}
	if warehouse.IsOutOfMemory(err) {
		err = fmt.Errorf("%w\n(%s)", err, memoryAdvice(err, e))
	}
	if err != nil && !strings.HasPrefix(err.Error(), c.name+": ") {
		// (a step named as the command, classify.Train's "train: ...",
		// is not named twice)
		return fmt.Errorf("%s: %w", c.name, err)
	}
	return err
}

// interrupted is the error of a command stopped by Ctrl-C or SIGTERM. The
// driver joins DuckDB's "INTERRUPT Error: Interrupted!" (and, after it, a
// rollback's complaint about the aborted transaction) to the context's
// error, which said the same thing two or three times over as many lines:
// the first line, naming the step stopped, says it once.
type interrupted struct{ err error }

func (e interrupted) Error() string {
	first, _, _ := strings.Cut(e.err.Error(), "\n")
	return strings.TrimSuffix(first, ": "+context.Canceled.Error()) + ": interrupted"
}

func (e interrupted) Unwrap() error { return e.err }

// memoryAdvice is what to do about DuckDB's out-of-memory error err.
// DuckDB's own advice names its SET statement; ours is the flag. Most work
// spills to disk, but some must fit (the key index of the complaints a
// load commits: 10M did not fit in 1GB, 2GB held them). A spill that found
// the temporary directory full is no memory problem (QA pass T: a 20 MB
// --temp-dir was reported as one).
func memoryAdvice(err error, e *env) string {
	msg := err.Error()
	if strings.Contains(msg, "max_temp_directory_size") || strings.Contains(msg, "No space left on device") {
		dir := e.tempDir
		if dir == "" {
			dir = "the default, " + e.dbPath + ".tmp"
		}
		return fmt.Sprintf("DuckDB spills what does not fit in its memory limit, %s, to the temporary directory (%s), and that is full: free space there, or give --temp-dir on a larger disk", e.limit(), dir)
	}
	return fmt.Sprintf("the work did not fit in DuckDB's memory limit, %s: run again with a larger --memory-limit, e.g. 2500MB for 10 million complaints", e.limit())
}

// extractGlobals removes --db, --memory-limit, --temp-dir and -v wherever
// they stand and returns the remaining arguments in order.
func extractGlobals(args []string, e *env, verbose *bool) ([]string, error) {
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") {
			rest = append(rest, a)
			continue
		}
		var dst *string
		switch name {
		case "db":
			dst = &e.dbPath
		case "memory-limit":
			dst = &e.memoryLimit
		case "temp-dir":
			dst = &e.tempDir
		case "v", "verbose":
			*verbose = true
			if hasValue { // -v=false was read as -v
				b, err := strconv.ParseBool(value)
				if err != nil {
					return nil, fmt.Errorf("flag -%s=%s: want true or false", name, value)
				}
				*verbose = b
			}
			continue
		default:
			rest = append(rest, a)
			continue
		}
		if !hasValue {
			if i+1 >= len(args) {
				return nil, fmt.Errorf("flag --%s needs a value", name)
			}
			i++
			value = args[i]
		}
		// DuckDB reads a negative limit as none at all (16383.9 PiB):
		// --memory-limit -5GB ran unbounded without a word (QA pass P)
		if name == "memory-limit" && strings.HasPrefix(strings.TrimSpace(value), "-") {
			return nil, fmt.Errorf("--memory-limit %s: want a size such as 1GB or 2500MB", value)
		}
		*dst = value
	}
	return rest, nil
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "usage: complaints [--db PATH] COMMAND [flags] [args]")
	fmt.Fprintln(w, "\nGlobal flags: --db PATH (env COMPLAINTS_DB, default complaints.duckdb), --memory-limit SIZE (DuckDB's, default "+warehouse.DefaultMemoryLimit+"), --temp-dir DIR, -v")
	fmt.Fprintln(w, "\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
}

// limit is DuckDB's memory limit: --memory-limit, else the default.
func (e *env) limit() string {
	if e.memoryLimit == "" {
		return warehouse.DefaultMemoryLimit
	}
	return e.memoryLimit
}

// open opens the warehouse named by --db.
func (e *env) open(ctx context.Context, readOnly bool) (*warehouse.DB, error) {
	return e.openWith(ctx, warehouse.Options{ReadOnly: readOnly})
}

// openExisting opens the warehouse named by --db for writing, refusing,
// as a read-only open does, one that is not there: classify on a missing
// --db made an empty warehouse, and metrics then printed empty tables,
// each with exit 0 (QA pass BI). Only ingest and run, which load data,
// make one.
func (e *env) openExisting(ctx context.Context) (*warehouse.DB, error) {
	return e.openWith(ctx, warehouse.Options{MustExist: true})
}

// openForQueries opens the warehouse named by --db for SQL that comes from
// outside the program (sql's query, a notebook's cells): read-only, and
// with no access to files, so that such SQL can read the tables but not
// write a file (COPY ... TO), read one or fetch an extension. Such SQL
// has the function redact(text), classify.Redact, to show a text that may
// hold personal data (a resolution, a survey comment) as the reports do.
func (e *env) openForQueries(ctx context.Context) (*warehouse.DB, error) {
	return e.openWith(ctx, warehouse.Options{ReadOnly: true, NoFiles: true, Redact: classify.Redact})
}

func (e *env) openWith(ctx context.Context, opts warehouse.Options) (*warehouse.DB, error) {
	opts.MemoryLimit, opts.TempDir = e.limit(), e.tempDir
	db, err := warehouse.Open(ctx, e.dbPath, opts)
	if errors.Is(err, warehouse.ErrOlder) {
		// A command that writes migrates it; classify changes nothing
		// else when every complaint is classified.
		return nil, fmt.Errorf("%w (run `complaints --db %q classify` once, or any command that writes)", err, e.dbPath)
	}
	if errors.Is(err, warehouse.ErrInterrupted) {
		// A command that writes removes them; classify then classifies
		// what an interrupted ingest or classify left unclassified.
		return nil, fmt.Errorf("%w: run `complaints --db %q classify` once, or any command that writes, to remove them", err, e.dbPath)
	}
	if errors.Is(err, warehouse.ErrDamaged) {
		// Open calls any file without DuckDB's header damaged; an empty
		// file or another program's never was a warehouse, and "restore
		// it from a backup" misled (QA pass BI)
		if what := notDuckDB(e.dbPath); what != "" {
			return nil, fmt.Errorf("open warehouse %s: %w: %s", e.dbPath, warehouse.ErrNotWarehouse, what)
		}
	}
	if err == nil && db.Repaired != "" {
		e.log.Warn("removed the rows of a run that was interrupted before it committed; run it again",
			"warehouse", e.dbPath, "removed", db.Repaired)
	}
	return db, err
}

// notDuckDB says what file is when it plainly is no DuckDB database: "an
// empty file", "an SQLite database" (its header, sqlite.org/fileformat.html
// 1.3), else "not a DuckDB database" when its bytes 8-11 are not DuckDB's
// "DUCK"; "" when they are, a warehouse that may be damaged.
func notDuckDB(file string) string {
	f, err := os.Open(file)
	if err != nil {
		return ""
	}
	defer f.Close()
	head := make([]byte, 16)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	switch {
	case n == 0:
		return "an empty file"
	case string(head) == "SQLite format 3\x00":
		return "an SQLite database"
	case n >= 12 && string(head[8:12]) == "DUCK":
		return ""
	}
	return "not a DuckDB database"
}

// checkpoint writes what a command committed into the warehouse file, as
// closing it does, but fails when it cannot: closing let a full disk pass
// with exit 0, the week's complaints then only in the write-ahead log
// beside the file, which a copy of the file alone lacks (QA pass AL).
func (e *env) checkpoint(ctx context.Context, db *warehouse.DB) error {
	if _, err := db.ExecContext(ctx, "CHECKPOINT"); err != nil {
		return fmt.Errorf("checkpoint: %w (what this command did is committed, in %s.wal beside the warehouse file: "+
			"keep the two together, and free space or fix the cause; the next command that writes moves it into the file)", err, e.dbPath)
	}
	return nil
}

// newFlags makes a FlagSet for a command that reports errors rather than
// exiting, writing its defaults into e.flagHelp: run prints them on stdout
// when asked for (-h).
func newFlags(e *env, c string) *flag.FlagSet {
	fs := flag.NewFlagSet(c, flag.ContinueOnError)
	fs.SetOutput(&e.flagHelp)
	return fs
}

// parseFlags parses flags that may be interleaved with positional arguments
// (the standard flag package stops at the first positional one). After
// "--" every argument is positional ("ingest --mapping m.yaml -- -a.csv
// -b.csv": the flag package took the names after the first as flags). An
// argument that starts with "-" and holds a space or a line break is no
// flag but text: a query that starts with a comment (sql "-- count
// SELECT ..." failed as the flag "- count").
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for len(args) > 0 {
		if isText(args[0]) {
			positional, args = append(positional, args[0]), args[1:]
			continue
		}
		head, rest := args, []string(nil)
		if n := slices.IndexFunc(args, isText); n >= 0 {
			head, rest = args[:n], args[n:]
		}
		if err := fs.Parse(head); errors.Is(err, flag.ErrHelp) {
			return nil, err
		} else if err != nil {
			return nil, usageError("%v", err)
		}
		left := fs.Args()
		if k := len(head) - len(left); k > 0 && head[k-1] == "--" {
			return append(append(positional, left...), rest...), nil
		}
		if len(left) > 0 {
			positional = append(positional, left[0])
			left = left[1:]
		}
		args = append(slices.Clip(left), rest...)
	}
	return positional, nil
}

// isText reports whether an argument that starts with "-" is text rather
// than a flag: it holds a space or a line break.
func isText(arg string) bool {
	return strings.HasPrefix(arg, "-") && strings.ContainsAny(arg, " \t\r\n")
}
