//go:build unix

package reports

import (
	"errors"
	"os"
	"syscall"
)

// lockDir takes the lock file of an output directory, dir/.complaints-lock,
// without waiting: busy is true when another process (or another run in
// this one) holds it. The lock goes with the process, so a killed run
// leaves none behind; the file stays, empty.
func lockDir(dir string) (release func(), busy bool, err error) {
	f, err := os.OpenFile(lockPath(dir), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, false, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, true, nil
		}
		return nil, false, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, false, nil
}
