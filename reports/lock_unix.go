//go:build unix

package reports

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// lockDir takes the lock file of an output directory, dir/.complaints-lock,
// without waiting: busy is true when another process (or another run in
// this one) holds it. The lock goes with the process, so a killed run
// leaves none behind; the file stays, empty.
//
// The file is made 0666 before the umask, as a file any user may lock: in
// a folder several users write into, another user's run failed
// "permission denied" on one left 0644 (QA pass BA). A lock file this user
// may not write (made under a stricter umask) is opened for reading:
// flock(2) locks a file however it was opened.
func lockDir(dir string) (release func(), busy bool, err error) {
	f, err := os.OpenFile(lockPath(dir), os.O_CREATE|os.O_RDWR, 0o666)
	if errors.Is(err, fs.ErrPermission) {
		if r, rerr := os.Open(lockPath(dir)); rerr == nil {
			f, err = r, nil // else the error to say is the first (a folder not writable)
		}
	}
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
