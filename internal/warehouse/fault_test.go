package warehouse_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/complaints/complaints/internal/warehouse"
)

const demoCFPB = "../../testdata/demo/cfpb_complaints_sample.csv"

// loadDemo loads the CFPB demo sample into complaints with one statement
// (the ingest package is not needed to make a real, full warehouse file).
func loadDemo(ctx context.Context, db *warehouse.DB, source string) error {
	_, err := db.ExecContext(ctx, `INSERT INTO complaints (complaint_id, source, received_at, product, sub_product, issue, sub_issue, company, region, narrative, ingest_run_id, row_hash) SELECT "Complaint ID", ?, "Date received", "Product", "Sub-product", "Issue", "Sub-issue", "Company", "State", "Consumer complaint narrative", 1, hash("Complaint ID", "Consumer complaint narrative") FROM read_csv(?, all_varchar = true)`, source, demoCFPB)
	return err
}

// scanQuery reads every column of every complaint, so each data block of the
// table is loaded and its checksum verified.
const scanQuery = `SELECT count(*), coalesce(sum(hash(c)), 0)::VARCHAR FROM complaints c`

// scanResult opens file and runs scanQuery: "n hash" or the error met.
func scanResult(ctx context.Context, file string, readOnly bool) (string, error) {
	db, err := warehouse.Open(ctx, file, warehouse.Options{ReadOnly: readOnly})
	if err != nil {
		return "", err
	}
	defer db.Close()
	var n int64
	var h string
	if err := db.QueryRowContext(ctx, scanQuery).Scan(&n, &h); err != nil {
		return "", fmt.Errorf("scan: %w", err)
	}
	return fmt.Sprintf("%d %s", n, h), nil
}

func fileSum(t *testing.T, file string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// TestOpenDamagedFile damages a real warehouse file in several ways and opens
// it, for reading and for writing, in a child process (DuckDB might abort on
// a bad block; the child reports what it saw). The damage must be reported
// as an error (ErrDamaged naming the file, or for a bad data block DuckDB's
// checksum error on the first read of it), never as a crash or as a
// successful read of fewer rows; the damaged file must be left as it was;
// and the warehouse restored from its copy must open and read in full.
func TestOpenDamagedFile(t *testing.T) {
	ctx := context.Background()
	if file := os.Getenv("WAREHOUSE_DAMAGE_CHILD"); file != "" {
		res, err := scanResult(ctx, file, os.Getenv("WAREHOUSE_DAMAGE_RO") != "")
		switch {
		case err == nil:
			fmt.Printf("READ %s\n", res)
		case errors.Is(err, warehouse.ErrDamaged):
			fmt.Printf("DAMAGED %s\n", err)
		case warehouse.IsDamaged(err):
			fmt.Printf("READ DAMAGED %s\n", err)
		default:
			fmt.Printf("ERROR %s\n", err)
		}
		os.Exit(0)
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "good.duckdb")
	db, err := warehouse.Open(ctx, good, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := loadDemo(ctx, db, "cfpb"); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	want, err := scanResult(ctx, good, true)
	if err != nil {
		t.Fatal(err)
	}
	// SOURCE.md of cfpb-bdm-sample: 6,623 complaints.
	if !strings.HasPrefix(want, "6623 ") {
		t.Fatalf("good warehouse reads %q, want 6623 complaints", want)
	}
	orig, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	// The file is DuckDB's 12 KiB of headers, then 256 KiB blocks; the demo
	// fills several blocks (about 4.7 MB), so "the middle" is a data block.
	if len(orig) < 1<<20 {
		t.Fatalf("warehouse file has %d bytes, want a file of several blocks", len(orig))
	}
	overwrite := func(b []byte, from, n int, seed uint64) []byte {
		b = bytes.Clone(b)
		r := rand.New(rand.NewPCG(seed, seed))
		for i := from; i < from+n; i++ {
			b[i] = byte(r.Uint32())
		}
		return b
	}
	tests := []struct {
		name string
		data []byte
		// atOpen: Open itself must fail with ErrDamaged. Otherwise (a bad
		// data block) the first read of the block must fail.
		atOpen bool
	}{
		{"zero-length", nil, true},
		{"header overwritten", overwrite(orig, 4096, 256, 1), true},
		{"truncated to half", orig[:len(orig)/2], true},
		{"truncated inside the first block", orig[:3*4096+100], true},
		{"random bytes over the middle", overwrite(orig, len(orig)/2-32<<10, 64<<10, 2), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".duckdb")
			if err := os.WriteFile(file, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			before := fileSum(t, file)
			for _, ro := range []string{"1", ""} {
				cmd := exec.Command(os.Args[0], "-test.run=^TestOpenDamagedFile$")
				cmd.Env = append(os.Environ(), "WAREHOUSE_DAMAGE_CHILD="+file, "WAREHOUSE_DAMAGE_RO="+ro)
				out, err := cmd.Output()
				if err != nil {
					t.Fatalf("read-only=%q: child crashed: %v\n%s", ro, err, out)
				}
				got := strings.TrimSpace(string(out))
				switch {
				case strings.HasPrefix(got, "DAMAGED ") && strings.Contains(got, file):
					// Open refused it, naming the file.
				case tt.atOpen:
					t.Errorf("read-only=%q: got %q, want Open to fail with ErrDamaged naming %s", ro, got, file)
				case strings.HasPrefix(got, "READ DAMAGED scan: ") && strings.Contains(got, "Corrupt database file"):
					// DuckDB's block checksum caught it on the first read.
				default:
					t.Errorf("read-only=%q: got %q, want the damage reported", ro, got)
				}
				if strings.Contains(got, "\n") {
					t.Errorf("read-only=%q: error spans several lines: %q", ro, got)
				}
			}
			if fileSum(t, file) != before {
				t.Errorf("opening the damaged file changed it")
			}
			if _, err := os.Stat(file + ".wal"); err == nil {
				t.Errorf("opening the damaged file left a write-ahead log")
			}
			// The next run, on the file restored from its copy, reads it all.
			if err := os.WriteFile(file, orig, 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := scanResult(ctx, file, false)
			if err != nil || got != want {
				t.Errorf("restored warehouse reads %q, %v; want %q", got, err, want)
			}
		})
	}
}

// TestHealthyFileSizes opens warehouses in the states a real one passes
// through (new, loaded, after deletes and a checkpoint, with a pending
// write-ahead log) to check that the size check of Open refuses none.
func TestHealthyFileSizes(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "w.duckdb")
	steps := []struct {
		name string
		sql  []string
	}{
		{"new", nil},
		{"loaded", []string{"LOAD"}},
		{"loaded twice", []string{"LOAD2"}},
		{"after delete and checkpoint", []string{`DELETE FROM complaints WHERE source = 'b'`, `CHECKPOINT`}},
		{"after deleting all", []string{`DELETE FROM complaints`, `CHECKPOINT`}},
		{"loaded again", []string{"LOAD"}},
	}
	for _, st := range steps {
		db, err := warehouse.Open(ctx, file, warehouse.Options{})
		if err != nil {
			t.Fatalf("%s: open: %v", st.name, err)
		}
		for _, q := range st.sql {
			switch q {
			case "LOAD":
				err = loadDemo(ctx, db, "a")
			case "LOAD2":
				err = loadDemo(ctx, db, "b")
			default:
				_, err = db.ExecContext(ctx, q)
			}
			if err != nil {
				t.Fatalf("%s: %s: %v", st.name, q, err)
			}
		}
		if err := db.Close(); err != nil {
			t.Fatalf("%s: close: %v", st.name, err)
		}
		if _, err := scanResult(ctx, file, true); err != nil {
			t.Fatalf("%s: reopen read-only: %v", st.name, err)
		}
	}
}

// TestReadOnlyRefusesWrites opens a warehouse read-only: writes fail with a
// clear error, the file is unchanged, and the next writer works.
func TestReadOnlyRefusesWrites(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "w.duckdb")
	db, err := warehouse.Open(ctx, file, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := loadDemo(ctx, db, "a"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before := fileSum(t, file)
	db, err = warehouse.Open(ctx, file, warehouse.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if !db.ReadOnly() {
		t.Error("ReadOnly() = false for a warehouse opened read-only")
	}
	err = loadDemo(ctx, db, "b")
	if err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("load into a read-only warehouse: error = %v, want one saying read-only", err)
	}
	db.Close()
	if fileSum(t, file) != before {
		t.Error("a refused write changed the file")
	}
	db, err = warehouse.Open(ctx, file, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := loadDemo(ctx, db, "b"); err != nil {
		t.Fatalf("the next writer: %v", err)
	}
}

func TestIsDamaged(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{nil, false},
		{errors.New("Binder Error: column x not found"), false},
		{fmt.Errorf("open: %w", warehouse.ErrInUse), false},
		{fmt.Errorf("open: %w: details", warehouse.ErrDamaged), true},
		// DuckDB's messages, as met in TestOpenDamagedFile.
		{errors.New("IO Error: Corrupt database file: computed checksum 1 does not match stored checksum 2 in block at location 2371584"), true},
		{errors.New(`IO Error: Could not read enough bytes from file "w.duckdb": attempted to read 262144 bytes from location 3420160`), true},
		{errors.New(`IO Error: The file "w.duckdb" exists, but it is not a valid DuckDB database file!`), true},
	}
	for _, tt := range tests {
		if got := warehouse.IsDamaged(tt.err); got != tt.want {
			t.Errorf("IsDamaged(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

// crashedChild runs the test named test in a child process with env set to
// the warehouse file base, for it to commit and exit as a crash would, and
// returns the database file and the write-ahead log it left.
func crashedChild(t *testing.T, test, env, base string) (db0, wal []byte) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$")
	cmd.Env = append(os.Environ(), env+"="+base)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	db0, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	if wal, err = os.ReadFile(base + ".wal"); err != nil {
		t.Fatalf("the child left no write-ahead log: %v", err)
	}
	return db0, wal
}

// TestTornWriteAheadLog commits two loads in a child process that exits
// without a checkpoint (as after kill -9), leaving them in the write-ahead
// log, then cuts the log at several points, as a crash in mid-write would.
// Open must give the complaints of whole transactions only (0, 6,623 or
// 13,246: the demo loaded once or twice), or fail clearly; never a crash.
func TestTornWriteAheadLog(t *testing.T) {
	ctx := context.Background()
	if file := os.Getenv("WAREHOUSE_WAL_CHILD"); file != "" {
		db, err := warehouse.Open(ctx, file, warehouse.Options{})
		if err != nil {
			fmt.Println("OPEN", err)
			os.Exit(3)
		}
		for _, q := range []string{`SET checkpoint_threshold = '10GB'`, `PRAGMA disable_checkpoint_on_shutdown`} {
			if _, err := db.ExecContext(ctx, q); err != nil {
				fmt.Println(q, err)
				os.Exit(3)
			}
		}
		for _, source := range []string{"a", "b"} {
			if err := loadDemo(ctx, db, source); err != nil {
				fmt.Println("LOAD", err)
				os.Exit(3)
			}
		}
		os.Exit(0) // no Close: the log stays as a crash leaves it
	}
	dir := t.TempDir()
	base := filepath.Join(dir, "base.duckdb")
	db, err := warehouse.Open(ctx, base, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	db0, wal := crashedChild(t, "TestTornWriteAheadLog", "WAREHOUSE_WAL_CHILD", base)
	t.Logf("write-ahead log of two loads: %d bytes", len(wal))
	for _, frac := range []float64{0, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1} {
		cut := int(frac * float64(len(wal)))
		file := filepath.Join(dir, fmt.Sprintf("cut%d.duckdb", cut))
		if err := os.WriteFile(file, db0, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file+".wal", wal[:cut], 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^TestOpenDamagedFile$")
		cmd.Env = append(os.Environ(), "WAREHOUSE_DAMAGE_CHILD="+file)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("log cut at %d of %d bytes: child crashed: %v\n%s", cut, len(wal), err, out)
		}
		got := strings.TrimSpace(string(out))
		n, _, _ := strings.Cut(strings.TrimPrefix(got, "READ "), " ")
		switch {
		case strings.HasPrefix(got, "READ ") && (n == "0" || n == "6623" || n == "13246"):
			t.Logf("log cut at %d of %d bytes: %s complaints", cut, len(wal), n)
		case strings.HasPrefix(got, "READ "):
			t.Errorf("log cut at %d of %d bytes: %s complaints, not a whole number of loads", cut, len(wal), n)
		case strings.Contains(got, file) && !strings.Contains(got, "\n"):
			t.Logf("log cut at %d of %d bytes: refused: %s", cut, len(wal), got)
		default:
			t.Errorf("log cut at %d of %d bytes: %q", cut, len(wal), got)
		}
	}
}
