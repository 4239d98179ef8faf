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

// Find returns the node at path below n: a string steps to the value of
// that key of a mapping, an int to that item of a sequence; a document
// node steps to its content and an alias to what it names. It returns nil
// when there is no such node.
func Find(n *yaml.Node, path ...any) *yaml.Node {
	for _, step := range path {
		n = content(n)
		if n == nil {
			return nil
		}
		var next *yaml.Node
		switch s := step.(type) {
		case string:
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					if n.Content[i].Value == s {
						next = n.Content[i+1]
						break
					}
				}
			}
		case int:
			if n.Kind == yaml.SequenceNode && s >= 0 && s < len(n.Content) {
				next = n.Content[s]
			}
		}
		if next == nil {
			return nil
		}
		n = next
	}
	return content(n)
}

// Line returns the line of the node at path below n, or, when there is no
// such node (a key left out), of the deepest node on the way to it: the
// line a problem with that part of the file is best reported on. It is 0
// when not even the first step is there.
func Line(n *yaml.Node, path ...any) int {
	line := 0
	for i := 1; i <= len(path); i++ {
		f := Find(n, path[:i]...)
		if f == nil {
			break
		}
		line = f.Line
	}
	return line
}

// content is n with a document node and aliases stepped through.
func content(n *yaml.Node) *yaml.Node {
	for hops := 0; n != nil && hops < 16; hops++ {
		switch {
		case n.Kind == yaml.DocumentNode && len(n.Content) == 1:
			n = n.Content[0]
		case n.Kind == yaml.AliasNode:
			n = n.Alias
		default:
			return n
		}
	}
	return n
}
