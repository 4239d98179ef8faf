package classify

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// labelledTopics reads a file of hand-labelled topics (testdata/labels/,
// see the README there: a key, the set, the topics a reader accepts,
// "|"-separated) and the texts it labels, from column textCol of a shared
// data set whose column keyCol holds the key: per set (dev, holdout, ...)
// the texts and, for each, the topics a reader accepts.
func labelledTopics(t testing.TB, labelFile, data, keyCol, textCol string) map[string][]labelledText {
	h, recs := readCSV(t, sharedData(t, data), ',')
	id, text := column(t, h, keyCol), column(t, h, textCol)
	texts := map[string]string{}
	for _, r := range recs {
		texts[r[id]] = r[text]
	}
	_, labels := readCSV(t, filepath.Join("..", "testdata", "labels", labelFile), ',')
	out := map[string][]labelledText{}
	for _, l := range labels { // key, set, topics
		text, ok := texts[l[0]]
		if !ok {
			t.Fatalf("%s of %s is not in %s", l[0], labelFile, data)
		}
		out[l[1]] = append(out[l[1]], labelledText{text: text, accept: strings.Split(l[2], "|")})
	}
	return out
}

// agreement is the share of a labelled set whose topic (topics, in the
// set's order) is one its label accepts. It logs the figure, and each miss
// when showMisses (a hold-out's misses stay unread).
func agreement(t *testing.T, name string, set []labelledText, topics []string, showMisses bool) float64 {
	agree, other, labelledOther := 0, 0, 0
	for i, l := range set {
		got := topics[i]
		if slices.Contains(l.accept, got) {
			agree++
		} else if showMisses {
			t.Logf("%s: %q: %s, label %s", name, l.text, got, strings.Join(l.accept, "|"))
		}
		if got == TopicOther {
			other++
		}
		if l.accept[0] == TopicOther {
			labelledOther++
		}
	}
	acc := float64(agree) / float64(len(set))
	t.Logf("%s: %d of %d agree (%.2f); %d matched no topic, %d labelled other", name, agree, len(set), acc, other, labelledOther)
	return acc
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
	sets := labelledTopics(t, "comcast_topics.csv", "comcast-fcc-complaints/Comcast_telecom_complaints_data.csv", "Ticket #", "Customer Complaint")
	tax := DefaultTaxonomy()
	for _, name := range []string{"dev", "holdout", "holdout2"} {
		topics := make([]string, len(sets[name]))
		for i, l := range sets[name] {
			topics[i] = tax.Match(l.text).Topic
		}
		acc := agreement(t, name, sets[name], topics, true)
		// Before the taxonomy's telecom phrases: dev 0.79, holdout 0.78,
		// holdout2 0.77. After: 0.91, 0.90, 0.89; holdout2, labelled
		// before the change ran on it, is the out-of-sample figure.
		if acc < 0.87 {
			t.Errorf("%s: agreement %.2f, want >= 0.87 (measured 0.89-0.91)", name, acc)
		}
	}
}

// TestTaxonomyAirlineDelivery: on the negative airline tweets of
// airline-sentiment, the tweets whose crowd-labelled reason is a late or
// cancelled flight or lost luggage should be delivery_delay, and the rest
// not. Measured recall 0.516 (1,151 of 2,232), precision 0.793 (F1 0.625);
// before delivery_delay kept negated phrases ("no luggage", "not on
// time"...), 0.490 and 0.799 (F1 0.607). Tweets are short and many name a
// flight without its fault, so recall stays low.
func TestTaxonomyAirlineDelivery(t *testing.T) {
	l, x := airlineReasons(t)
	tax := DefaultTaxonomy()
	deliv := map[string]bool{"Late Flight": true, "Cancelled Flight": true, "Lost Luggage": true}
	tp, fn, fp := 0, 0, 0
	for i := range x {
		got := tax.Match(x[i]).Topic == "delivery_delay"
		switch {
		case deliv[l[i]] && got:
			tp++
		case deliv[l[i]]:
			fn++
		case got:
			fp++
		}
	}
	p, r := float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn)
	f1 := 2 * p * r / (p + r)
	t.Logf("delivery_delay on late, cancelled and lost-luggage tweets: precision %.3f, recall %.3f, F1 %.3f", p, r, f1)
	if f1 < 0.615 {
		t.Errorf("F1 %.3f, want >= 0.615 (measured 0.625)", f1)
	}
}

// TestTaxonomySupportTweets: the classifier's topic (the default taxonomy,
// and "other" for a tweet not in English) on 350 customers' tweets to about
// 100 brands' support accounts, labelled by hand (testdata/labels/README.md).
// A tweet agrees when its topic is one the label accepts; "other" is right
// for thanks, chatter and questions that name no problem. Taxonomy version
// 5 agreed on 0.65 of dev, 0.64 of holdout and 0.67 of holdout2; version 6,
// whose phrases were written from dev's misses, 0.76, 0.68 and 0.77.
// holdout2 was labelled before version 6 was written and its misses are
// not shown: it is the out-of-sample figure (holdout's misses were shown
// once before the phrases were written).
// Version 7 (installation_setup, with 5 labels given the new topic:
// testdata/labels/README.md): 0.75, 0.69 and 0.77.
func TestTaxonomySupportTweets(t *testing.T) {
	floor := map[string]float64{"dev": 0.75, "holdout": 0.67, "holdout2": 0.76}
	sets := labelledTopics(t, "twcs_topics.csv", "twcs-head-sample/twcs_head5000.csv", "tweet_id", "text")
	c := New(Options{})
	for _, name := range []string{"dev", "holdout", "holdout2"} {
		texts := make([]string, len(sets[name]))
		for i, l := range sets[name] {
			texts[i] = l.text
		}
		out := make([]Result, len(texts))
		if err := c.ClassifyBatch(context.Background(), texts, out); err != nil {
			t.Fatal(err)
		}
		topics := make([]string, len(out))
		for i, r := range out {
			topics[i] = r.Topic
		}
		if acc := agreement(t, name, sets[name], topics, name == "dev"); acc < floor[name] {
			t.Errorf("%s: agreement %.2f, want >= %.2f (measured with version 6; version 5: 0.65, 0.64, 0.67)", name, acc, floor[name])
		}
	}
}
