package classify

import (
	"testing"
)

// FuzzParseTaxonomy: any document either is refused with an error or gives
// a taxonomy that matches text without panicking, names only its own topics
// (or other), and routes every topic to a department.
func FuzzParseTaxonomy(f *testing.F) {
	f.Add(defaultTaxonomyYAML)
	f.Add([]byte("topics:\n  - name: billing\n    department: Finance\n    phrases: [double charged, \"not refunded\"]\n  - name: late\n    parent: delivery\n    phrases: [late]\n"))
	f.Add([]byte("topics: [{name: other, phrases: [x]}]"))
	f.Add([]byte("topics:\n  - name: a\n    weight: -1\n    phrases: ['!!']\n"))
	texts := []string{"I was double charged and not refunded.", "The parcel is late, not broken.", "", "çà ñ 12 XXXX"}
	f.Fuzz(func(t *testing.T, b []byte) {
		tx, err := ParseTaxonomy(b)
		if err != nil {
			return
		}
		names := map[string]bool{TopicOther: true}
		for _, tp := range tx.Topics {
			names[tp.Name] = true
			if tx.Department(tp.Name) == "" {
				t.Fatalf("topic %q has no department", tp.Name)
			}
		}
		for _, s := range texts {
			m := tx.Match(s)
			if !names[m.Topic] {
				t.Fatalf("Match(%q) = topic %q, not in the taxonomy", s, m.Topic)
			}
			if m.Confidence < 0 || m.Confidence > 1 {
				t.Fatalf("Match(%q) confidence %v outside 0..1", s, m.Confidence)
			}
		}
	})
}
