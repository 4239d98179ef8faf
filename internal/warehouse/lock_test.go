package warehouse

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSecondWriterIsRefused opens a warehouse here and again from a child
// process (this test binary, re-run): the child must get ErrInUse.
func TestSecondWriterIsRefused(t *testing.T) {
	if file := os.Getenv("WAREHOUSE_LOCK_CHILD"); file != "" {
		_, err := Open(context.Background(), file, Options{})
		if errors.Is(err, ErrInUse) {
			os.Stdout.WriteString("IN USE: " + err.Error())
			os.Exit(0)
		}
		os.Stdout.WriteString("UNEXPECTED: " + strings.TrimSpace(errString(err)))
		os.Exit(3)
	}
	file := filepath.Join(t.TempDir(), "w.duckdb")
	db, err := Open(context.Background(), file, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestSecondWriterIsRefused$")
	cmd.Env = append(os.Environ(), "WAREHOUSE_LOCK_CHILD="+file)
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "IN USE: ") || !strings.Contains(string(out), "in use by another process") {
		t.Fatalf("second writer: %v\n%s", err, out)
	}
}

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}
