package ingest

import (
	"context"
	"fmt"
	"io"
	"os"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// toUTF8 writes a copy of the text file path, in the encoding enc (as
// Mapping.check names them), as UTF-8 to a temporary file in dir ("":
// the system's) and returns its path. DuckDB's reader reads UTF-8 (and
// refuses a whole Latin-1 file for one Windows-1252 euro sign or curly
// quote).
func toUTF8(ctx context.Context, path, enc, dir string) (string, error) {
	in, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer in.Close()
	var r io.Reader
	switch enc {
	case "windows-1252":
		r = charmap.Windows1252.NewDecoder().Reader(in)
	case "latin-1":
		r = charmap.ISO8859_1.NewDecoder().Reader(in)
	case "utf-16":
		// a byte order mark decides; little-endian without one, as
		// Windows writes
		r = transform.NewReader(in, unicode.BOMOverride(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder()))
	default:
		return "", fmt.Errorf("encoding %q not supported", enc)
	}
	tmp, err := copyToTemp(ctx, r, dir, "complaints-utf8-*.csv")
	if err != nil {
		return "", fmt.Errorf("decode %s: %w", enc, err)
	}
	return tmp, nil
}

// copyToTemp copies r, until ctx is done, to a new temporary file in dir
// ("": the system's) named by pattern (os.CreateTemp's), and returns its
// path; on error no file is left.
func copyToTemp(ctx context.Context, r io.Reader, dir, pattern string) (string, error) {
	out, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", err
	}
	_, err = io.Copy(out, &ctxReader{ctx, r})
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(out.Name())
		return "", err
	}
	return out.Name(), nil
}

// ctxReader stops reading when ctx is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (r *ctxReader) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	return r.r.Read(p)
}

// bomEncoding returns "utf-16" when the file starts with a UTF-16 byte
// order mark (either byte order), else "": a UTF-8 one DuckDB reads.
func bomEncoding(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var b [2]byte
	if n, _ := io.ReadFull(f, b[:]); n == 2 && (b == [2]byte{0xFF, 0xFE} || b == [2]byte{0xFE, 0xFF}) {
		return "utf-16", nil
	}
	return "", nil
}
