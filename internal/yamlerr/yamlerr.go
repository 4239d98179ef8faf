// Package yamlerr words the errors of gopkg.in/yaml.v3 for the people who
// write the project's YAML files (mappings, taxonomies): one line, each
// problem with its line, in the file's terms rather than Go's. yaml.v3
// reports a decoding's problems on lines of their own, naming Go types:
//
//	yaml: unmarshal errors:
//	  line 3: field colums not found in type ingest.Mapping
//
// which this makes "line 3: unknown key \"colums\"".
package yamlerr

import (
	"errors"
	"io"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// Message returns err's text on one line, worded as the package says; an
// empty document (io.EOF) is "the file is empty".
func Message(err error) string {
	if errors.Is(err, io.EOF) {
		return "the file is empty"
	}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		parts := make([]string, len(te.Errors))
		for i, e := range te.Errors {
			parts[i] = reword(e)
		}
		return strings.Join(parts, "; ")
	}
	return strings.Join(strings.Fields(strings.TrimPrefix(err.Error(), "yaml: ")), " ")
}

var (
	unknownKey = regexp.MustCompile(`^(line \d+: )field (.+) not found in type \S+$`)
	wrongType  = regexp.MustCompile("^(line \\d+: )cannot unmarshal !!(\\w+)(?: `(.*)`)? into (\\S+)$")
)

// reword words one of a TypeError's problems.
func reword(e string) string {
	if m := unknownKey.FindStringSubmatch(e); m != nil {
		return m[1] + "unknown key " + quote(m[2])
	}
	m := wrongType.FindStringSubmatch(e)
	if m == nil {
		return e
	}
	got := map[string]string{"seq": "a list", "map": "a map of keys", "str": "text", "int": "a number", "float": "a number", "bool": "true or false"}[m[2]]
	if got == "" {
		got = m[2]
	}
	if m[3] != "" {
		got += " " + quote(m[3])
	}
	want := "a single value"
	switch into := m[4]; {
	case strings.HasPrefix(into, "[]"):
		want = "a list"
	case strings.HasPrefix(into, "map["):
		want = "a map of keys and values"
	case strings.HasPrefix(into, "int") || strings.HasPrefix(into, "uint"):
		want = "a whole number"
	case strings.HasPrefix(into, "float"):
		want = "a number"
	case into == "bool":
		want = "true or false"
	case strings.HasPrefix(into, "[") || strings.Contains(into, "."):
		want = "a list or map of the key's own form"
	}
	return m[1] + "want " + want + ", not " + got
}

func quote(s string) string { return `"` + s + `"` }
