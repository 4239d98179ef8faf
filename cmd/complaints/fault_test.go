package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/complaints/complaints/internal/mountns"
	"github.com/complaints/complaints/internal/synth/bench"
	"github.com/complaints/complaints/internal/warehouse"
)

// cliChildEnv carries, JSON-encoded, the arguments of a `complaints` run in
// a child process: the test binary re-run, calling main as the real command.
const cliChildEnv = "COMPLAINTS_FAULT_CLI_ARGS"

// asCLIChild runs main with the arguments from the environment and exits,
// when this process was started by cliCmd. Every test that starts children
// calls it first.
func asCLIChild() {
	a, ok := os.LookupEnv(cliChildEnv)
	if !ok {
		return
	}
	var args []string
	if err := json.Unmarshal([]byte(a), &args); err != nil {
		os.Stderr.WriteString("bad " + cliChildEnv + "\n")
		os.Exit(99)
	}
	os.Args = append([]string{"complaints"}, args...)
	main()
	os.Exit(0)
}

// cliCmd returns a child process that runs `complaints args...` (through
// the calling test, which must call asCLIChild first).
func cliCmd(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	test, _, _ := strings.Cut(t.Name(), "/")
	a, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$")
	cmd.Env = append(os.Environ(), cliChildEnv+"="+string(a))
	return cmd
}

type cliResult struct {
	stdout, stderr string
	code           int // exit code; -1 when killed by a signal
}

func (r cliResult) String() string {
	return fmt.Sprintf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
}

// start starts cmd; wait waits for it and returns what it printed and its
// exit code.
func start(t *testing.T, cmd *exec.Cmd) (wait func() cliResult) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return func() cliResult {
		err := cmd.Wait()
		r := cliResult{stdout: out.String(), stderr: errb.String(), code: cmd.ProcessState.ExitCode()}
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatalf("wait: %v", err)
		}
		return r
	}
}

func runChild(t *testing.T, args ...string) cliResult {
	t.Helper()
	return start(t, cliCmd(t, args...))()
}

// wantFailure checks that a child failed as a command should: exit code 1
// and one line on stderr, "complaints: COMMAND: ...", containing each of want.
func wantFailure(t *testing.T, r cliResult, command string, want ...string) {
	t.Helper()
	wantFailureCode(t, r, 1, command, want...)
}

// wantFailureCode is wantFailure with exit code code.
func wantFailureCode(t *testing.T, r cliResult, code int, command string, want ...string) {
	t.Helper()
	msg := strings.TrimSuffix(r.stderr, "\n")
	if r.code != code || strings.Contains(msg, "\n") || !strings.HasPrefix(msg, "complaints: "+command+": ") {
		t.Errorf("complaints %s: %v; want exit %d and one line \"complaints: %s: ...\"", command, r, code, command)
		return
	}
	t.Logf("complaints %s: %s", command, msg)
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("complaints %s: message %q does not contain %q", command, msg, w)
		}
	}
}

func sum(t *testing.T, file string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// demoWarehouse ingests the CFPB demo sample (6,623 complaints, SOURCE.md of
// cfpb-bdm-sample) into a new warehouse in dir.
func demoWarehouse(t *testing.T, dir string) string {
	t.Helper()
	db := filepath.Join(dir, "w.duckdb")
	if _, _, err := runCLI(t, "--db", db, "ingest", "--quiet", demo); err != nil {
		t.Fatal(err)
	}
	return db
}

// countQuery reads every column of every complaint (so each block is
// loaded and its checksum checked) and prints the count.
const countQuery = "SELECT count(*) AS n, count(DISTINCT hash(c)) > 0 AS read FROM complaints c"

// TestCLIDamagedWarehouse runs `complaints sql` and `complaints classify` on
// damaged copies of a real warehouse, and on one written by a newer
// version: each must exit 1 with a one-line message naming the file (for a
// bad data block, DuckDB's checksum error), leave the file as it was, and
// the restored warehouse must work again.
func TestCLIDamagedWarehouse(t *testing.T) {
	asCLIChild()
	dir := t.TempDir()
	good := demoWarehouse(t, dir)
	orig, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	overwrite := func(from, n int, seed uint64) []byte {
		b := bytes.Clone(orig)
		r := rand.New(rand.NewPCG(seed, seed))
		for i := from; i < from+n && i < len(b); i++ {
			b[i] = byte(r.Uint32())
		}
		return b
	}
	newer := filepath.Join(dir, "newer.duckdb")
	if err := os.WriteFile(newer, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := warehouse.Open(context.Background(), newer, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO schema_migrations (version, name) VALUES (?, 'future')`, warehouse.SchemaVersion()+1); err != nil {
		t.Fatal(err)
	}
	db.Close()
	newerData, err := os.ReadFile(newer)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		data []byte
		want []string // in the message, besides the file name
		// dataBlock: the damage is in a data block, found by the first read
		// of it, not by Open; the message is DuckDB's (no file name), and
		// only the reader is tried (a writer that does not read the block
		// succeeds).
		dataBlock bool
	}{
		// never a warehouse, rather than a damaged one (QA pass BI)
		{"zero-length", nil, []string{"not a complaints warehouse", "an empty file"}, false},
		{"truncated", orig[:len(orig)/2], []string{"damaged", "truncated"}, false},
		{"header overwritten", overwrite(4096, 256, 1), []string{"damaged"}, false},
		{"newer version", newerData, []string{"newer version"}, false},
		{"random bytes over the middle", overwrite(len(orig)/2-32<<10, 64<<10, 2), []string{"Corrupt database file"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".duckdb")
			if err := os.WriteFile(file, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			before := sum(t, file)
			want := tt.want
			if !tt.dataBlock {
				want = append(want, file)
			}
			wantFailure(t, runChild(t, "--db", file, "sql", countQuery), "sql", want...)
			if !tt.dataBlock {
				wantFailure(t, runChild(t, "--db", file, "classify"), "classify", want...)
			}
			if sum(t, file) != before {
				t.Error("the failed commands changed the file")
			}
			if err := os.WriteFile(file, orig, 0o644); err != nil {
				t.Fatal(err)
			}
			r := runChild(t, "--db", file, "sql", "--format", "csv", countQuery)
			if r.code != 0 || r.stdout != "n,read\n6623,true\n" {
				t.Errorf("restored warehouse: %v; want 6623 complaints", r)
			}
		})
	}
}

// TestCLITwoProcesses: while one process writes, a second writer and a
// reader fail at once with "in use by another process" (exit 75, one line);
// while one only reads, two `sql` and a `report` run together; once the
// first process is gone, the next writer succeeds.
func TestCLITwoProcesses(t *testing.T) {
	asCLIChild()
	ctx := context.Background()
	dir := t.TempDir()
	file := demoWarehouse(t, dir)
	writer, err := warehouse.Open(ctx, file, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// exit 75, sysexits' EX_TEMPFAIL: a nightly job tells "try again
	// later" from bad data, which exits 1 (QA pass BI)
	wantFailureCode(t, runChild(t, "--db", file, "ingest", "--quiet", demo), exitInUse, "ingest", "warehouse is in use by another process", file)
	wantFailureCode(t, runChild(t, "--db", file, "sql", countQuery), exitInUse, "sql", "warehouse is in use by another process", file)
	if err := writer.Close(); err != nil {
		t.Fatal(err)
	}

	reader, err := warehouse.Open(ctx, file, warehouse.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	waits := []func() cliResult{
		start(t, cliCmd(t, "--db", file, "sql", "--format", "csv", countQuery)),
		start(t, cliCmd(t, "--db", file, "sql", "--format", "csv", countQuery)),
		start(t, cliCmd(t, "--db", file, "report", "--out", filepath.Join(dir, "out"))),
	}
	for i, wait := range waits[:2] {
		if r := wait(); r.code != 0 || r.stdout != "n,read\n6623,true\n" {
			t.Errorf("reader %d: %v; want 6623 complaints", i, r)
		}
	}
	if r := waits[2](); r.code != 0 {
		t.Errorf("report beside the readers: %v", r)
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "index.html")); err != nil {
		t.Errorf("report beside the readers: %v", err)
	}
	wantFailureCode(t, runChild(t, "--db", file, "ingest", "--quiet", demo), exitInUse, "ingest", "warehouse is in use by another process")
	if err := reader.Close(); err != nil {
		t.Fatal(err)
	}
	// The same file again: every record a duplicate.
	r := runChild(t, "--db", file, "ingest", "--quiet", demo)
	if r.code != 0 || !strings.Contains(r.stdout, "read 6623 = loaded 0 + updated 0 + duplicate 6623 + rejected 0") {
		t.Errorf("the next writer: %v", r)
	}
}

// TestCLIReadOnlyWarehouse puts a warehouse on a read-only bind mount (the
// tests run as root, for whom chmod is no barrier): ingest and classify
// fail clearly, sql and report work, the file is unchanged, and once the
// mount is gone the next ingest succeeds.
func TestCLIReadOnlyWarehouse(t *testing.T) {
	asCLIChild()
	if !mountns.Enter(t) {
		return
	}
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o755); err != nil {
		t.Fatal(err)
	}
	file := demoWarehouse(t, ro)
	before := sum(t, file)
	if err := syscall.Mount(ro, ro, "", syscall.MS_BIND, ""); err != nil {
		t.Skipf("bind mount: %v", err)
	}
	mounted := true
	unmount := func() {
		if mounted {
			if err := syscall.Unmount(ro, 0); err != nil {
				t.Fatalf("unmount: %v", err)
			}
			mounted = false
		}
	}
	t.Cleanup(unmount)
	if err := syscall.Mount("", ro, "", syscall.MS_REMOUNT|syscall.MS_BIND|syscall.MS_RDONLY, ""); err != nil {
		t.Skipf("remount read-only: %v", err)
	}
	if err := os.WriteFile(filepath.Join(ro, "probe"), nil, 0o644); err == nil {
		t.Fatal("the read-only mount accepts writes")
	}

	wantFailure(t, runChild(t, "--db", file, "ingest", "--quiet", demo), "ingest", file, "Read-only file system")
	wantFailure(t, runChild(t, "--db", file, "classify"), "classify", file, "Read-only file system")
	if r := runChild(t, "--db", file, "sql", "--format", "csv", countQuery); r.code != 0 || r.stdout != "n,read\n6623,true\n" {
		t.Errorf("sql on the read-only warehouse: %v; want 6623 complaints", r)
	}
	out := filepath.Join(dir, "out")
	if r := runChild(t, "--db", file, "report", "--out", out); r.code != 0 {
		t.Errorf("report on the read-only warehouse: %v", r)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("report on the read-only warehouse: %v", err)
	}
	if sum(t, file) != before {
		t.Error("the warehouse on the read-only mount changed")
	}

	unmount()
	r := runChild(t, "--db", file, "ingest", "--quiet", demo)
	if r.code != 0 || !strings.Contains(r.stdout, "read 6623 = loaded 0 + updated 0 + duplicate 6623 + rejected 0") {
		t.Errorf("ingest once writable again: %v", r)
	}
}

// classifyState is what a kill may leave: the complaints, their current
// classifications, how many runs stamped them, and complaints with more than
// one current row.
type classifyState struct {
	complaints, classified, stamps, doubled int64
	stamp                                   string
}

func readClassifyState(t *testing.T, file string) classifyState {
	t.Helper()
	db, err := warehouse.Open(context.Background(), file, warehouse.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("reopen after the kill: %v", err)
	}
	defer db.Close()
	var s classifyState
	err = db.QueryRow(`SELECT (SELECT count(*) FROM complaints), (SELECT count(*) FROM classifications),
		(SELECT count(DISTINCT classified_at) FROM classifications), (SELECT count(*) FROM (SELECT source, complaint_id FROM classifications GROUP BY ALL HAVING count(*) > 1)),
		(SELECT coalesce(max(classified_at)::VARCHAR, '') FROM classifications)`).Scan(&s.complaints, &s.classified, &s.stamps, &s.doubled, &s.stamp)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// killClassify starts `complaints -v classify` (with --all if all) on file
// and kills it (SIGKILL) once stderr shows a progress line ending in after,
// or else after the delay at. It reports whether the kill found the process
// still running; a run that ended by itself must have succeeded.
func killClassify(t *testing.T, file string, all bool, after string, at time.Duration) (killed bool) {
	t.Helper()
	args := []string{"--db", file, "-v", "classify"}
	if all {
		args = append(args, "--all")
	}
	var seen func(string) bool
	if after != "" {
		seen = func(line string) bool {
			return strings.Contains(line, "msg=classified") && strings.HasSuffix(line, after)
		}
	}
	return killChild(t, args, seen, at)
}

// killChild starts `complaints args...` and kills it (SIGKILL) after the
// delay at from the first stderr line for which seen is true (from the
// start when seen is nil). It reports whether the kill found the process
// still running; a run that ended by itself must have succeeded.
func killChild(t *testing.T, args []string, seen func(line string) bool, at time.Duration) (killed bool) {
	t.Helper()
	cmd := cliCmd(t, args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	found := make(chan struct{})
	var lines []string // read once drained is closed
	drained := make(chan struct{})
	go func(seen func(string) bool) {
		defer close(drained)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			lines = append(lines, sc.Text())
			if seen != nil && seen(sc.Text()) {
				close(found)
				seen = nil
			}
		}
	}(seen)
	if seen != nil {
		select {
		case <-found:
		case <-drained:
			t.Fatalf("complaints %v ended before the line to kill after:\n%s", args, strings.Join(lines, "\n"))
		}
	}
	time.Sleep(at)
	cmd.Process.Kill()
	<-drained
	cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != -1 && code != 0 {
		t.Fatalf("complaints %v exited %d before the kill:\n%s", args, code, strings.Join(lines, "\n"))
	}
	return cmd.ProcessState.ExitCode() == -1
}

// TestKillDuringClassify kills (SIGKILL) `complaints classify` at many
// points: right after it has written a batch of classifications inside its
// transaction (the -v progress line), and at fractions of the time a whole
// run takes, each run started on what the kill before it left; and the same
// for `classify --all` over earlier classifications. After every kill the
// warehouse holds no classifications or all of them (for --all: all of the
// old run's or all of a new one's), never part, and the next classify
// succeeds and classifies every complaint once.
func TestKillDuringClassify(t *testing.T) {
	asCLIChild()
	if testing.Short() {
		t.Skip("kills child processes; skipped with -short")
	}
	dir := t.TempDir()
	template := demoWarehouse(t, dir)
	// 12,000 more complaints resampled from the demo (60% with a narrative),
	// so a run writes one full batch of 16,384 inside its transaction
	// before its last one.
	pool, err := bench.LoadPool([]string{demo}, nil)
	if err != nil {
		t.Fatal(err)
	}
	extra := filepath.Join(dir, "extra.csv")
	f, err := os.Create(extra)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	if err := bench.Write(w, pool, bench.Options{Rows: 12_000, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, _, err := runCLI(t, "--db", template, "ingest", "--quiet", extra); err != nil {
		t.Fatal(err)
	}
	const total = 6623 + 12_000 // SOURCE.md of cfpb-bdm-sample, plus the generated rows

	// A whole run, timed: the kill points are fractions of it, and its
	// result is the "all classified" state the --all kills start from.
	classified := filepath.Join(dir, "classified.duckdb")
	copyFile(t, template, classified)
	t0 := time.Now()
	r := runChild(t, "--db", classified, "classify")
	whole := time.Since(t0)
	if r.code != 0 || !strings.Contains(r.stdout, fmt.Sprintf("classified %d complaints", total)) {
		t.Fatalf("classify: %v", r)
	}
	done := readClassifyState(t, classified)
	if done.complaints != total || done.classified != total || done.stamps != 1 || done.doubled != 0 {
		t.Fatalf("classify left %+v; want %d complaints each classified once in one run", done, total)
	}
	t.Logf("a whole classify of %d complaints took %v", total, whole)

	// check holds the state a kill left to none or all (for --all: the
	// classifications of the timed run, or all of a new run's).
	check := func(name, file string, all, killed bool) {
		t.Helper()
		got := readClassifyState(t, file)
		switch {
		case got.complaints != total || got.doubled != 0:
			t.Fatalf("%s: the kill left %+v", name, got)
		case !all && got.classified == 0:
			t.Logf("%s (killed %v): no classifications", name, killed)
		case got.classified == total && got.stamps == 1 && all && got.stamp == done.stamp:
			t.Logf("%s (killed %v): the earlier classifications, whole", name, killed)
		case got.classified == total && got.stamps == 1:
			t.Logf("%s (killed %v): all classified", name, killed)
		default:
			t.Fatalf("%s: the kill left %d of %d complaints classified, in %d runs: a partial classify", name, got.classified, total, got.stamps)
		}
	}
	next := func(name, file string, all bool) {
		t.Helper()
		args := []string{"--db", file, "classify"}
		if all {
			args = append(args, "--all")
		}
		if r := runChild(t, args...); r.code != 0 {
			t.Fatalf("%s: the next classify: %v", name, r)
		}
		got := readClassifyState(t, file)
		if got.classified != total || got.stamps != 1 || got.doubled != 0 || (all && got.stamp == done.stamp) {
			t.Fatalf("%s: after the next classify %+v; want all %d classified once, by a new run", name, got, total)
		}
	}

	kills := 0
	for _, all := range []bool{false, true} {
		name := fmt.Sprintf("all=%v, after the first batch", all)
		file := filepath.Join(dir, fmt.Sprintf("batch-%v.duckdb", all))
		start := template
		if all {
			start = classified
		}
		copyFile(t, start, file)
		check(name, file, all, killClassify(t, file, all, "complaints=16384", 0))
		next(name, file, all)
		kills++
	}
	chains := []struct {
		all   bool
		fracs []float64
	}{
		{false, []float64{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95}},
		{true, []float64{0.2, 0.5, 0.8}},
	}
	for _, c := range chains {
		file := filepath.Join(dir, fmt.Sprintf("chain-%v.duckdb", c.all))
		start := template
		if c.all {
			start = classified
		}
		copyFile(t, start, file)
		for _, frac := range c.fracs {
			at := time.Duration(frac * float64(whole))
			name := fmt.Sprintf("all=%v, at %v", c.all, at.Round(time.Millisecond))
			check(name, file, c.all, killClassify(t, file, c.all, "", at))
			kills++
		}
		next(fmt.Sprintf("all=%v, after the chain", c.all), file, c.all)
	}
	t.Logf("%d kill points", kills)
}

// TestCLIDiskFull runs `complaints ingest` of a file too big for the 20 MB
// tmpfs holding the warehouse (60,000 rows: TestIngestDiskFull in ingest
// measures that it overflows): exit 1 with one line naming the full device,
// the warehouse as before, and the same ingest succeeds once space is freed.
func TestCLIDiskFull(t *testing.T) {
	asCLIChild()
	if testing.Short() {
		t.Skip("fills a file system; skipped with -short")
	}
	if !mountns.Enter(t) {
		return
	}
	dir := t.TempDir()
	small := filepath.Join(dir, "small")
	if err := os.Mkdir(small, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", small, "tmpfs", 0, "size=20m"); err != nil {
		t.Skipf("mount a 20 MB tmpfs: %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(small, 0) })
	pool, err := bench.LoadPool([]string{demo}, nil)
	if err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.csv")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	if err := bench.Write(w, pool, bench.Options{Rows: 60_000, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	file := demoWarehouse(t, small)

	wantFailure(t, runChild(t, "--db", file, "ingest", "--quiet", big), "ingest", big, "No space left on device")
	count := "SELECT (SELECT count(*) FROM complaints) AS n, (SELECT count(*) FROM ingest_runs) AS runs"
	if r := runChild(t, "--db", file, "sql", "--format", "csv", count); r.code != 0 || r.stdout != "n,runs\n6623,1\n" {
		t.Errorf("after the disk filled: %v; want the 6623 complaints of the one run", r)
	}
	if err := syscall.Mount("tmpfs", small, "tmpfs", syscall.MS_REMOUNT, "size=512m"); err != nil {
		t.Fatalf("grow the tmpfs: %v", err)
	}
	if r := runChild(t, "--db", file, "ingest", "--quiet", big); r.code != 0 || !strings.Contains(r.stdout, "loaded 60000") {
		t.Errorf("ingest once space is freed: %v", r)
	}
	if r := runChild(t, "--db", file, "sql", "--format", "csv", count); r.code != 0 || r.stdout != "n,runs\n66623,2\n" {
		t.Errorf("after space was freed: %v; want 6623 + 60000 complaints in two runs", r)
	}
}
