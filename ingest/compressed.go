package ingest

import (
	"archive/zip"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// compressedExt returns the compression suffix of a file name (".gz" or
// ".zip", any case), or "".
func compressedExt(name string) string {
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".gz", ".zip":
		return ext
	}
	return ""
}

// decompress writes the data of a gzip file, or of the one data file a
// zip archive holds (the CFPB publishes its database as complaints.csv.zip
// and complaints.json.zip), to a temporary file in dir ("": the system's),
// and returns its path and the name its format is told by: the file's
// without ".gz", or the zip member's. The copy is read by DuckDB in
// parallel, which a gzip stream cannot be, and by the checks made in Go
// before it (the delimiter, a JSON file's records, the encoding).
func decompress(ctx context.Context, path, dir string) (tmp, name string, err error) {
	var r io.Reader
	switch compressedExt(path) {
	case ".gz":
		f, err := os.Open(path)
		if err != nil {
			return "", "", err
		}
		defer f.Close()
		gz, err := gzip.NewReader(f)
		if err != nil {
			return "", "", fmt.Errorf("gunzip: %w", err)
		}
		defer gz.Close()
		r, name = gz, strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	case ".zip":
		z, err := zip.OpenReader(path)
		if err != nil {
			return "", "", fmt.Errorf("unzip: %w", err)
		}
		defer z.Close()
		var data []*zip.File
		var names []string
		for _, f := range z.File {
			base := filepath.Base(f.Name)
			// folders, and the resource forks and hidden files an archive
			// made on a Mac carries
			if f.FileInfo().IsDir() || strings.HasPrefix(f.Name, "__MACOSX/") || strings.HasPrefix(base, ".") {
				continue
			}
			data = append(data, f)
			names = append(names, f.Name)
		}
		if len(data) != 1 {
			return "", "", fmt.Errorf("unzip: the archive holds %d files (%s), not one: extract them and name each", len(data), strings.Join(truncate(names, 6), ", "))
		}
		rc, err := data[0].Open()
		if err != nil {
			return "", "", fmt.Errorf("unzip %s: %w", data[0].Name, err)
		}
		defer rc.Close()
		r, name = rc, filepath.Base(data[0].Name)
	default:
		return "", "", fmt.Errorf("not a compressed file: %s", path)
	}
	if tmp, err = copyToTemp(ctx, r, dir, "complaints-unpacked-*"+filepath.Ext(name)); err != nil {
		return "", "", fmt.Errorf("decompress %s: %w", name, err)
	}
	return tmp, name, nil
}
