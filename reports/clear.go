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

// newStage creates dir if missing, removes the staging directories of
// earlier runs killed there, and returns a new staging directory in it.
func newStage(dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	old, err := filepath.Glob(filepath.Join(dir, stagePrefix+"*"))
	if err != nil {
		return "", err
	}
	for _, o := range old {
		if err := os.RemoveAll(o); err != nil {
			return "", err
		}
	}
	return os.MkdirTemp(dir, stagePrefix)
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

// isPartition is an own func of checkOwn for the export's complaints
// directory: a month=YYYY-MM directory holding Parquet files only.
func isPartition(path string, d fs.DirEntry) bool {
	if !d.IsDir() || !strings.HasPrefix(d.Name(), "month=") {
		return false
	}
	files, err := os.ReadDir(path)
	if err != nil {
		return false
	}
	for _, f := range files {
		if !f.Type().IsRegular() || !strings.HasSuffix(f.Name(), ".parquet") {
			return false
		}
	}
	return true
}
