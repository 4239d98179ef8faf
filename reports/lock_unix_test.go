//go:build unix

package reports

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// TestLockFileShared: the lock file is made readable and writable by
// all but the umask, as a file any user may lock (0666 before the umask):
// at 0644, another user's run into a shared, world-writable folder failed
// "permission denied" opening it (QA pass BA). The umask is set to 0 here
// so that the mode asked for is the mode made.
func TestLockFileShared(t *testing.T) {
	dir := t.TempDir()
	old := syscall.Umask(0)
	release, busy, err := lockDir(dir)
	syscall.Umask(old)
	if err != nil || busy {
		t.Fatalf("lockDir: busy %v, %v", busy, err)
	}
	release()
	fi, err := os.Stat(lockPath(dir))
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != 0o666 {
		t.Errorf("lock file mode %v, want -rw-rw-rw-", fi.Mode().Perm())
	}
}

// TestLockFileReadOnly: a lock file this user cannot open for writing (left
// by another user under a stricter umask: 0644) is locked all the same,
// opened for reading, as flock(2) allows. Made so here by chattr +i, as
// root, who may write any file whatever its mode.
func TestLockFileReadOnly(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("chattr +i needs root")
	}
	if _, err := exec.LookPath("chattr"); err != nil {
		t.Skip("no chattr")
	}
	dir := t.TempDir()
	if err := os.WriteFile(lockPath(dir), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("chattr", "+i", lockPath(dir)).CombinedOutput(); err != nil {
		t.Skipf("chattr +i: %v: %s", err, out)
	}
	defer exec.Command("chattr", "-i", lockPath(dir)).Run()
	release, busy, err := lockDir(dir)
	if err != nil || busy {
		t.Fatalf("lockDir on a lock file not writable: busy %v, %v", busy, err)
	}
	// held: a second lock is refused as busy
	if r2, busy, err := lockDir(dir); err != nil || !busy {
		if r2 != nil {
			r2()
		}
		t.Errorf("second lockDir: busy %v, %v; want busy", busy, err)
	}
	release()
}

// TestExportDirsShared: the export's directories are made 0777 before the
// umask, as its files are (the lock file, DuckDB's Parquet files): at
// 0755, once the lock file let another user's run into a shared folder
// lock it, that run failed "replace DIR/complaints: permission denied",
// since moving a directory aside needs write permission on it (QA pass
// BA, tried as user nobody). The umask decides who may (002 for a group).
func TestExportDirsShared(t *testing.T) {
	dir := t.TempDir()
	old := syscall.Umask(0)
	_, err := ExportParquet(context.Background(), fixtureWarehouse(t), dir)
	syscall.Umask(old)
	if err != nil {
		t.Fatal(err)
	}
	parts, err := filepath.Glob(filepath.Join(dir, "complaints", "month=*"))
	if err != nil || len(parts) == 0 {
		t.Fatalf("no partitions: %v", err)
	}
	for _, d := range append(parts, filepath.Join(dir, "complaints")) {
		fi, err := os.Stat(d)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o777 {
			t.Errorf("%s: mode %v, want -rwxrwxrwx", d, fi.Mode().Perm())
		}
	}
}
