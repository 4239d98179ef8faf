//go:build unix

package reports

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestExportOutDirShared: a missing --out folder is made readable,
// writable and searchable by all but the umask, as the export's other
// folders are (TestExportDirsShared): made 0755, another group user's
// export into it failed "mkdir .../.complaints-staging-...: permission
// denied" under umask 002 (QA pass BE). The umask is set to 0 here so that
// the mode asked for is the mode made.
func TestExportOutDirShared(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	old := syscall.Umask(0)
	_, err := ExportParquet(context.Background(), fixtureWarehouse(t), dir)
	syscall.Umask(old)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o777 {
		t.Errorf("%s: mode %v, want -rwxrwxrwx", dir, fi.Mode().Perm())
	}
}
