package classify

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// comcastTopics returns the hand-labelled Comcast complaint titles of
// testdata/labels/comcast_topics.csv (see the README there): per set (dev,
// holdout) the titles and, for each, the topics a reader accepts.
func comcastTopics(t testing.TB) map[string][]labelledText {
	h, recs := readCSV(t, sharedData(t, "comcast-fcc-complaints/Comcast_telecom_complaints_data.csv"), ',')
	id, text := column(t, h, "Ticket #"), column(t, h, "Customer Complaint")
	titles := map[string]string{}
	for _, r := range recs {
		titles[r[id]] = r[text]
	}
	lh, labels := readCSV(t, filepath.Join("..", "testdata", "labels", "comcast_topics.csv"), ',')
	tk, set, topics := column(t, lh, "ticket"), column(t, lh, "set"), column(t, lh, "topics")
	out := map[string][]labelledText{}
	for _, l := range labels {
		title, ok := titles[l[tk]]
		if !ok {
			t.Fatalf("ticket %s of comcast_topics.csv is not in the data set", l[tk])
		}
		out[l[set]] = append(out[l[set]], labelledText{text: title, accept: strings.Split(l[topics], "|")})
	}
	return out
}

type labelledText struct {
	text   string
	accept []string
}

// TestTaxonomyComcast: the default taxonomy on 200 real complaint titles
// filed with the FCC about an internet, TV and phone provider, labelled by
// hand (testdata/labels/README.md). A title agrees when its topic is one
// the label accepts ("other" for titles that name no problem, such as
// "Comcast"). The phrases were added after reading the misses of dev and
// holdout; holdout2 was drawn and labelled afterwards, before the changed
// taxonomy ran on it.
func TestTaxonomyComcast(t *testing.T) {
	sets := comcastTopics(t)
	tax := DefaultTaxonomy()
	for _, name := range []string{"dev", "holdout", "holdout2"} {
		agree, other, labelledOther := 0, 0, 0
		for _, l := range sets[name] {
			got := tax.Match(l.text).Topic
			if slices.Contains(l.accept, got) {
				agree++
			} else {
				t.Logf("%s: %q: %s, label %s", name, l.text, got, strings.Join(l.accept, "|"))
			}
			if got == TopicOther {
				other++
			}
			if l.accept[0] == TopicOther {
				labelledOther++
			}
		}
		n := len(sets[name])
		acc := float64(agree) / float64(n)
		t.Logf("%s: %d of %d agree (%.2f); %d matched no topic, %d labelled other", name, agree, n, acc, other, labelledOther)
		// Before the taxonomy's telecom phrases: dev 0.79, holdout 0.78,
		// holdout2 0.77. After: 0.91, 0.90, 0.89; holdout2, labelled
		// before the change ran on it, is the out-of-sample figure.
		if acc < 0.87 {
			t.Errorf("%s: agreement %.2f, want >= 0.87 (measured 0.89-0.91)", name, acc)
		}
	}
}
