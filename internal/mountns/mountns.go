//go:build linux

// Package mountns lets a test mount file systems of its own (a small tmpfs
// to fill, a read-only bind mount) without touching the machine: the test
// re-runs itself in a private mount namespace, whose mounts no other
// process sees and which vanish with it. The fault tests of ingest and of
// the command use it.
package mountns

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"syscall"
	"testing"
)

// env names the test being re-run inside the namespace.
const env = "COMPLAINTS_TEST_MOUNT_NS"

// Enter re-runs the calling test in a private mount namespace and reports
// that run's result. It returns true in the re-run, where the test goes on
// to mount what it needs, and false after reporting. It skips the test when
// this process may not create the namespace (not root, or no permission).
func Enter(t *testing.T) bool {
	t.Helper()
	if os.Getenv(env) == t.Name() {
		return true
	}
	if os.Geteuid() != 0 {
		t.Skip("mounting a file system needs root")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.v")
	cmd.Env = append(os.Environ(), env+"="+t.Name())
	cmd.SysProcAttr = &syscall.SysProcAttr{Unshareflags: syscall.CLONE_NEWNS}
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	switch {
	case err != nil && !errors.As(err, &ee):
		t.Skipf("cannot create a mount namespace: %v", err)
	case bytes.Contains(out, []byte("--- SKIP")):
		t.Skipf("in a mount namespace:\n%s", out)
	case err != nil:
		t.Fatalf("in a mount namespace: %v\n%s", err, out)
	}
	t.Logf("in a mount namespace:\n%s", out)
	return false
}
