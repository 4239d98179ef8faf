package reports

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// clearOwn empties dir of what an earlier run wrote there, and of nothing
// else: the entries own accepts are removed (a directory with all it
// holds), the rest are left and named in the error, so that a folder the
// user keeps inside an output directory is never deleted. A missing dir
// is created; a dir that is a file is an error.
func clearOwn(dir string, own func(path string, d fs.DirEntry) bool) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return err
	}
	var foreign []string
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		if !own(path, e) {
			foreign = append(foreign, e.Name())
			continue
		}
		if err := os.RemoveAll(path); err != nil {
			return err
		}
	}
	if len(foreign) > 0 {
		return fmt.Errorf("%s holds %s, which this command did not write: move it, or choose another output directory",
			dir, strings.Join(foreign, ", "))
	}
	return nil
}

// isFileWithSuffix is an own func of clearOwn: a regular file whose name
// ends in suffix.
func isFileWithSuffix(suffix string) func(string, fs.DirEntry) bool {
	return func(_ string, d fs.DirEntry) bool { return d.Type().IsRegular() && strings.HasSuffix(d.Name(), suffix) }
}

// isPartition is an own func of clearOwn for the export's complaints
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
