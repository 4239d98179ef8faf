package reports

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Output is written whole or not at all. Report and export write
// everything into a staging directory inside the output directory (same
// file system, so a rename moves it) and move it into place only once all
// of it is written: an interrupted, failed or refused run leaves the
// output of the run before it as it was. (Written in place, an interrupt
// left new ID lists beside old pages, or an export's partitions deleted
// beside its old tables.)

// stagePrefix begins the name of a staging directory. One left behind by
// a killed run is removed by the next run into the same directory.
const stagePrefix = ".complaints-staging-"

// lockName is the lock file of an output directory (lockDir): one run
// writes into a directory at a time.
const lockName = ".complaints-lock"

func lockPath(dir string) string { return filepath.Join(dir, lockName) }

// CheckOutDir checks, before a command does work the reports depend on
// (run's ingest and classify), that Write could write into dir: it makes
// dir if missing, writes and removes a file there, and finds no other run
// writing into it (its lock free: a race with one starting after is
// still caught by Write). run loaded and committed a week's file, then
// failed on an output directory it could not write (QA pass AL). A dir
// it made is removed again: the run may yet fail on its input. A file of
// the user's in dir/ids, which stops Write, stops it too (QA pass BI: run
// loaded and classified first).
func CheckOutDir(dir string) error {
	if err := checkIDs(dir); err != nil {
		return err
	}
	_, err := os.Stat(dir)
	made := errors.Is(err, fs.ErrNotExist)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".complaints-check-")
	if err != nil {
		return fmt.Errorf("cannot write into %s: %w", dir, err)
	}
	f.Close()
	if err := os.Remove(f.Name()); err != nil {
		return err
	}
	if made {
		return os.Remove(dir) // no other run writes into a directory just made
	}
	release, err := lockOut(dir)
	if err != nil {
		return err
	}
	release()
	return nil
}

// lockOut takes the lock of the output directory dir (lockDir), failing
// when another run holds it, naming dir.
func lockOut(dir string) (release func(), err error) {
	release, busy, err := lockDir(dir)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	if busy {
		return nil, fmt.Errorf("another complaints process is writing into %s: wait for it to end, or choose another output directory", dir)
	}
	return release, nil
}

// newStage creates dir if missing, takes its lock (a second run into the
// same directory fails, naming it), removes the staging directories of
// earlier runs killed there, and returns a new staging directory in it,
// with release, which gives the lock back once the stage is published or
// removed. Without the lock, a second run deleted the first's staging
// directory as a killed run's, and the first failed on a missing file.
func newStage(dir string) (stage string, release func(), err error) {
	// 0777 less the umask, as the export's other folders: at 0755 a group
	// user's run into a shared folder made by another failed creating its
	// staging directory (QA pass BE)
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return "", nil, err
	}
	release, err = lockOut(dir)
	if err != nil {
		return "", nil, err
	}
	old, err := filepath.Glob(filepath.Join(dir, stagePrefix+"*"))
	if err != nil {
		release()
		return "", nil, err
	}
	for _, o := range old {
		if err := os.RemoveAll(o); err != nil {
			release()
			return "", nil, err
		}
	}
	stage, err = os.MkdirTemp(dir, stagePrefix)
	if err != nil {
		release()
		return "", nil, err
	}
	return stage, release, nil
}

// checkIDs refuses an output directory dir whose ids/ holds anything but
// the CSV lists the reports write there (checkOwn).
func checkIDs(dir string) error {
	return checkOwn(filepath.Join(dir, "ids"), isFileWithSuffix(".csv"))
}

// checkOwn refuses to replace dir when it holds anything this command did
// not write (what own does not accept), naming it: a folder the user keeps
// inside an output directory is never deleted. A missing dir is fine; a
// dir that is a file is an error.
func checkOwn(dir string, own func(path string, d fs.DirEntry) bool) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var foreign []string
	for _, e := range entries {
		if !own(filepath.Join(dir, e.Name()), e) {
			foreign = append(foreign, e.Name())
		}
	}
	if len(foreign) > 0 {
		return fmt.Errorf("%s holds %s, which this command did not write: move it, or choose another output directory",
			dir, strings.Join(foreign, ", "))
	}
	return nil
}

// publish moves the entries named from stage into dir, each replacing the
// one of the same name: a file by a rename over it, a directory (whose
// contents checkOwn accepted) by moving the old one into stage first. The
// caller removes stage afterwards, and with it the old directories.
func publish(stage, dir string, names []string) error {
	for _, name := range names {
		src, dst := filepath.Join(stage, name), filepath.Join(dir, name)
		fi, err := os.Stat(src)
		if err != nil {
			return err
		}
		if fi.IsDir() {
			if _, err := os.Stat(dst); err == nil {
				// swapped in one step where the system can: moved aside
				// and then in, a run killed between the two left no
				// ids/ beside the earlier pages (QA pass AL)
				if swapped, err := exchange(src, dst); err != nil {
					return fmt.Errorf("replace %s: %w", dst, err) // renameat2's error names no path
				} else if swapped {
					continue // the old one is in the stage, removed with it
				}
				if err := os.Rename(dst, filepath.Join(stage, name+".old")); err != nil {
					return err
				}
			} else if !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
		if err := os.Rename(src, dst); err != nil {
			return err
		}
	}
	return nil
}

// isFileWithSuffix is an own func of checkOwn: a regular file whose name
// ends in suffix.
func isFileWithSuffix(suffix string) func(string, fs.DirEntry) bool {
	return func(_ string, d fs.DirEntry) bool { return d.Type().IsRegular() && strings.HasSuffix(d.Name(), suffix) }
}
