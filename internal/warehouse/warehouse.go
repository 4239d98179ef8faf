package warehouse

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/duckdb/duckdb-go/v2"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// ErrInUse is returned by Open when another process holds the warehouse.
var ErrInUse = errors.New("warehouse is in use by another process")

// ErrDamaged is returned by Open when the file is not a whole DuckDB
// database: empty, truncated, or failing DuckDB's block checksums.
var ErrDamaged = errors.New("warehouse file is damaged (restore it from a backup, and delete any .wal file beside it first)")

// ErrNewer is returned by Open when the file was written by a newer build.
var ErrNewer = errors.New("warehouse was written by a newer version of complaints")

// ErrNotWarehouse is returned by Open for a DuckDB database that holds
// tables but no schema_migrations: another program's database, which Open
// would otherwise have made a warehouse by adding its tables beside them.
var ErrNotWarehouse = errors.New("not a complaints warehouse")

// ErrOlder is returned by Open, for a read-only open, when the file's
// schema is older than this build's: only opening it for writing migrates it.
var ErrOlder = errors.New("warehouse was written by an older version of complaints")

// DefaultMemoryLimit is the DuckDB memory limit the complaints command
// opens a warehouse with unless --memory-limit names another. DuckDB's own
// default (80% of RAM) lets its buffer pool grow to several GB on a
// 1M-complaint warehouse; under 1GB it spills to the temp directory
// instead, and the whole pipeline stays under 2 GB (README, performance) at
// a cost of a few seconds. A bounded pool is also faster where it does not
// spill: DuckDB reuses the memory of blocks it evicts instead of taking
// fresh pages, and on these virtual machines the first touch of a page
// costs about 10 µs (classifying 1M complaints: half the page faults and
// 2-3 s less than with DuckDB's default). Larger machines may raise it.
const DefaultMemoryLimit = "1GB"

// Options tune how a warehouse is opened. The zero value opens for writing
// with DuckDB's defaults.
type Options struct {
	ReadOnly    bool   // open with access_mode=read_only; no migrations run
	MemoryLimit string // DuckDB memory_limit, e.g. "2GB"; empty keeps DuckDB's default
	TempDir     string // DuckDB temp_directory for spilling; empty keeps the default
	Threads     int    // DuckDB threads; 0 keeps the default (all cores)
	// MustExist refuses, as a read-only open does, a file that is not
	// there, rather than create an empty warehouse: a command that writes
	// but loads nothing (classify) made one of a mistyped path.
	MustExist bool
	// NoFiles turns off DuckDB's access to files and the network
	// (enable_external_access): the SQL a user or a notebook hands the
	// warehouse can read its tables, not write files (COPY ... TO), read
	// other ones or install extensions. DuckDB's own spill files still work.
	NoFiles bool
	// Redact, when set, is the SQL function redact(text) of every
	// connection (classify.Redact: the commands that run a user's or a
	// notebook's SQL set it), so a query can show a text column that holds
	// personal data (a resolution, a survey comment) redacted, as the
	// reports show it. The warehouse does not import the classifiers.
	Redact func(string) string
}

// DB is an open warehouse. It is safe for concurrent use.
type DB struct {
	*sql.DB
	path      string
	connector *duckdb.Connector
	readOnly  bool
	// Repaired names the rows Open removed that a run cut short before
	// its commit had left ("300000 classifications"), or is empty.
	Repaired string
}

// Open opens (creating if needed, unless read-only or MustExist) the warehouse at path and
// brings its schema up to date.
func Open(ctx context.Context, file string, opts Options) (*DB, error) {
	if opts.ReadOnly || opts.MustExist {
		if _, err := os.Stat(file); err != nil {
			return nil, fmt.Errorf("open warehouse %s: %w (load data with `complaints ingest` first)", file, err)
		}
	}
	// A truncated file opens, and fails only when a query reaches a missing
	// block; its size is checked against its header after opening, unless a
	// write-ahead log is pending (replaying it may add blocks).
	checkSize, walPending := false, false
	if st, err := os.Stat(file); err == nil && st.Mode().IsRegular() {
		_, walErr := os.Stat(file + ".wal")
		walPending = !errors.Is(walErr, fs.ErrNotExist)
		checkSize = !walPending
		// DuckDB reads some other files as databases of its own kind: a
		// .csv given as --db opened as a database of one table (read-only,
		// "Cannot launch in-memory database")
		if !hasDuckDBMagic(file) {
			return nil, fmt.Errorf("open warehouse %s: %w: not a DuckDB database, or its header is damaged", file, ErrDamaged)
		}
	}
	dsn := file
	if opts.ReadOnly {
		dsn += "?access_mode=read_only"
	}
	// Timestamps are stored in UTC without a zone. DuckDB's time zone
	// (ICU's) defaults to the machine's, and it decides what a timestamp
	// with an offset ("+0000", "-05:00", read with %z or cast) becomes:
	// on a machine set to New York, a tweet sent at 03:20 UTC was stored
	// at 23:20 the day before. Pinned, every machine stores the same.
	settings := []string{"SET GLOBAL TimeZone = 'UTC'"}
	if opts.MemoryLimit != "" {
		settings = append(settings, "SET memory_limit = '"+quoteLiteral(opts.MemoryLimit)+"'")
	}
	if opts.TempDir != "" {
		settings = append(settings, "SET temp_directory = '"+quoteLiteral(opts.TempDir)+"'")
	}
	if opts.Threads > 0 {
		settings = append(settings, "SET threads = "+strconv.Itoa(opts.Threads))
	}
	if opts.NoFiles {
		// last: it cannot be turned on again, and forbids changing the rest
		settings = append(settings, "SET enable_external_access = false")
	}
	// The settings are DuckDB's global ones, so they are set once, by the
	// first connection (Open's ping), and every later connection has them.
	// Set on each new connection, temp_directory failed once a query had
	// spilled: DuckDB will not switch a temp directory it has used, even
	// to the same one (TestTempDirAfterSpilling).
	var setMu sync.Mutex
	set := false
	connector, err := duckdb.NewConnector(dsn, func(execer driver.ExecerContext) error {
		setMu.Lock()
		defer setMu.Unlock()
		if set {
			return nil
		}
		for _, s := range settings {
			if _, err := execer.ExecContext(ctx, s, nil); err != nil {
				return fmt.Errorf("%s: %w", s, err)
			}
		}
		set = true
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("open warehouse %s: %w", file, classifyOpenError(err))
	}
	db := &DB{DB: sql.OpenDB(connector), path: file, connector: connector, readOnly: opts.ReadOnly}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open warehouse %s: %w", file, classifyOpenError(err))
	}
	if checkSize {
		if err := db.checkSize(ctx); err != nil {
			db.Close()
			return nil, fmt.Errorf("open warehouse %s: %w", file, err)
		}
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open warehouse %s: %w", file, err)
	}
	if opts.Redact != nil {
		if err := db.registerRedact(ctx, opts.Redact); err != nil {
			db.Close()
			return nil, fmt.Errorf("open warehouse %s: function redact: %w", file, err)
		}
	}
	// A log left to replay means the last writer did not close: a commit
	// it cut short may have left rows behind (interrupted.go).
	if walPending && opts.ReadOnly {
		found, err := db.interrupted(ctx)
		if err == nil && found != "" {
			err = fmt.Errorf("%w (%s)", ErrInterrupted, found)
		}
		if err != nil {
			db.Close()
			return nil, fmt.Errorf("open warehouse %s: %w", file, err)
		}
	} else if walPending {
		if db.Repaired, err = db.repairInterrupted(ctx); err != nil {
			db.Close()
			return nil, fmt.Errorf("open warehouse %s: %w", file, err)
		}
	}
	return db, nil
}

// classifyOpenError turns DuckDB's lock error into ErrInUse and its errors
// for a damaged file into ErrDamaged.
func classifyOpenError(err error) error {
	msg := err.Error()
	// the driver's own words before DuckDB's say nothing to the user
	detail := strings.TrimPrefix(msg, "database/sql/driver: could not connect to database: ")
	switch {
	case strings.Contains(msg, "Could not set lock") || strings.Contains(msg, "Conflicting lock"):
		// DuckDB's advice after the holder ("However, you would be able
		// to open this database in read-only mode ... -readonly parameter
		// in the CLI") is its shell's, no help to a command that writes
		detail, _, _ = strings.Cut(detail, ". However,")
		detail, _, _ = strings.Cut(detail, " See also")
		return fmt.Errorf("%w (%s)", ErrInUse, strings.TrimSuffix(detail, "."))
	case newerStorage.MatchString(msg):
		// a file of a newer DuckDB (a newer complaints): DuckDB's four
		// lines about its storage, as one
		m := newerStorage.FindStringSubmatch(msg)
		return fmt.Errorf("%w: its DuckDB storage is version %s, this build reads %s to %s", ErrNewer, m[1], m[2], m[3])
	case strings.Contains(msg, "not a valid DuckDB database file"):
		// an empty file, another format (--db export.csv), or a DuckDB
		// file whose header was overwritten: DuckDB cannot tell which
		return fmt.Errorf("%w: not a DuckDB database, or its header is damaged", ErrDamaged)
	case IsDamaged(err):
		return fmt.Errorf("%w: %s", ErrDamaged, detail)
	}
	return err
}

// newerStorage is DuckDB's error for a file of a newer storage version.
var newerStorage = regexp.MustCompile(`read a database file with version number (\d+), but we can only read versions? between (\d+) and (\d+)`)

// IsDamaged reports whether err is ErrDamaged or DuckDB's error for a damaged
// file. Open reads only the headers and the catalog, so a bad data block is
// first met by the query that reads it; a command can use IsDamaged to name
// the warehouse file in that error.
func IsDamaged(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, ErrDamaged) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "not a valid DuckDB database file") ||
		strings.Contains(msg, "Corrupt database file") ||
		strings.Contains(msg, "Could not read enough bytes")
}

// IsOutOfMemory reports whether err is DuckDB running out of its memory
// limit: most work spills to the temp directory, but some must fit (the
// primary-key index of the rows a transaction commits).
func IsOutOfMemory(err error) bool {
	if err == nil {
		return false
	}
	var de *duckdb.Error
	if errors.As(err, &de) && de.Type == duckdb.ErrorTypeOutOfMemory {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "Out of Memory Error") || strings.Contains(msg, "failed to pin block")
}

// headerBytes is the size of DuckDB's file header: the main header and two
// alternating database headers of 4 KiB each, before the first block.
const headerBytes = 3 * 4096

// checkSize returns ErrDamaged when the file is too short to hold the blocks
// in use. (The header's total counts free blocks too, and DuckDB trims free
// blocks off the end of the file, so only the used ones are a lower bound.)
func (db *DB) checkSize(ctx context.Context) error {
	var blockSize, used int64
	err := db.QueryRowContext(ctx, `SELECT block_size, used_blocks FROM pragma_database_size() WHERE database_name = current_database()`).Scan(&blockSize, &used)
	if err != nil {
		return fmt.Errorf("read database size: %w", err)
	}
	st, err := os.Stat(db.path)
	if err != nil {
		return err
	}
	if want := headerBytes + used*blockSize; used > 0 && st.Size() < want {
		return fmt.Errorf("%w: the file has %d bytes, too few for its %d blocks in use of %d bytes each: it is truncated",
			ErrDamaged, st.Size(), used, blockSize)
	}
	return nil
}

// quoteLiteral doubles single quotes for a SQL string literal. It is used only
// for settings given by the operator, never for data.
func quoteLiteral(s string) string { return strings.ReplaceAll(s, "'", "''") }

// Path is the file the warehouse lives in.
func (db *DB) Path() string { return db.path }

// ReadOnly reports whether the warehouse was opened read-only.
func (db *DB) ReadOnly() bool { return db.readOnly }

// Close closes the connection pool and the database.
func (db *DB) Close() error {
	err := db.DB.Close()
	if cerr := db.connector.Close(); err == nil {
		err = cerr
	}
	return err
}

type migration struct {
	version int
	name    string
	sql     string
}

// skipUnless starts a migration's first line when the migration changes
// data only where some is to change: the rest of the line is a query of
// one boolean, and the migration's statements run only when it is true
// (its version is recorded either way). A new warehouse skips such work:
// 007's re-keying, nothing to do there, ran out of a 2MB memory limit
// before the first ingest could (TestOutOfMemoryHint).
const skipUnless = "-- skip unless: "

// condition is m's skipUnless query, if it has one.
func (m migration) condition() (string, bool) {
	first, _, _ := strings.Cut(m.sql, "\n")
	return strings.CutPrefix(first, skipUnless)
}

func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			panic("warehouse: migration file without a number prefix: " + name)
		}
		b, err := migrationFS.ReadFile(path.Join("migrations", name))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: name, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// SchemaVersion is the newest migration this build knows.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

func (db *DB) currentVersion(ctx context.Context) (int, error) {
	var n int
	err := db.QueryRowContext(ctx,
		`SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'`).Scan(&n)
	if err != nil {
		return 0, err
	}
	if n == 0 {
		// a new file, or another program's database
		var other sql.NullString
		if err := db.QueryRowContext(ctx, `SELECT min(table_name) FROM information_schema.tables`).Scan(&other); err != nil {
			return 0, err
		}
		if other.Valid {
			return 0, fmt.Errorf("%w: it holds tables (%s) and none of complaints' schema versions; give --db a new file or a warehouse",
				ErrNotWarehouse, other.String)
		}
		return 0, nil
	}
	var v sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, err
	}
	return int(v.Int64), nil
}

func (db *DB) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return fmt.Errorf("read migrations: %w", err)
	}
	have, err := db.currentVersion(ctx)
	if err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	known := ms[len(ms)-1].version
	if have > known {
		return fmt.Errorf("%w: its schema is version %d, this build knows up to %d", ErrNewer, have, known)
	}
	if have == known {
		return nil
	}
	if db.readOnly {
		return fmt.Errorf("%w: its schema is version %d, this build's %d: open it once for writing to migrate it", ErrOlder, have, known)
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	for _, m := range ms {
		if m.version <= have {
			continue
		}
		if err := db.apply(ctx, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

func (db *DB) apply(ctx context.Context, m migration) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	run := true
	if cond, ok := m.condition(); ok {
		if err := tx.QueryRowContext(ctx, cond).Scan(&run); err != nil {
			return fmt.Errorf("its condition: %w", err)
		}
	}
	if run {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES (?, ?)`, m.version, m.name); err != nil {
		return err
	}
	return tx.Commit()
}

// ScanAll reads every row of rows as Go values (what the driver gives for
// each column type; nil for NULL), with the column names: for results
// printed or rendered whole, such as `complaints sql` and report tables.
func ScanAll(rows *sql.Rows) (cols []string, vals [][]any, err error) {
	cols, err = rows.Columns()
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		row, err := scanRow(rows, len(cols))
		if err != nil {
			return nil, nil, err
		}
		vals = append(vals, row)
	}
	return cols, vals, rows.Err()
}

// scanRow scans the current row of n columns into a new slice of values.
func scanRow(rows *sql.Rows, n int) ([]any, error) {
	row := make([]any, n)
	ptrs := make([]any, n)
	for i := range row {
		ptrs[i] = &row[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return nil, err
	}
	return row, nil
}

// hasDuckDBMagic reports whether the file holds DuckDB's magic bytes
// "DUCK" after the 8-byte checksum that begins its main header.
func hasDuckDBMagic(file string) bool {
	f, err := os.Open(file)
	if err != nil {
		return true // Open's own error says why
	}
	defer f.Close()
	var b [12]byte
	if _, err := io.ReadFull(f, b[:]); err != nil {
		return false
	}
	return string(b[8:12]) == "DUCK"
}
