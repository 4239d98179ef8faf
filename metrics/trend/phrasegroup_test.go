package trend

import (
	"fmt"
	"slices"
	"testing"
)

// TestFormGroupsOwnWord: a word's forms are tested together (formGroups),
// and foldWord drops a final e so that "charge" joins "charged": "plane"
// joined "plan" and "planned" so (a product manager's QA pass on tweets:
// phrase "plane", also "plan, planned", 10 complaints, some about a phone
// plan). A word ending in e whose stem without it is a word the
// complaints use too is a word of its own; "throttle", whose stem
// "throttl" is no word, still joins "throttled" and "throttling".
func TestFormGroupsOwnWord(t *testing.T) {
	c := NewCorpus()
	for i, text := range []string{"the plane sat on the tarmac", "my phone plan doubled", "we planned a trip",
		"they throttle my data", "throttled again", "throttling all week"} {
		for k := range 3 {
			c.Add(Doc{ID: fmt.Sprint(i, k), Text: text, Current: true})
		}
	}
	groups := c.formGroups(5)
	members := func(name string) []string {
		g, ok := groups[name]
		if !ok {
			return nil
		}
		var out []string
		for _, m := range g.members {
			out = append(out, c.tc.name(m))
		}
		slices.Sort(out)
		return out
	}
	if got, want := members("plan~"), []string{"plan", "planned"}; !slices.Equal(got, want) {
		t.Errorf("group plan~ = %q, want %q (plane is a word of its own)", got, want)
	}
	if got, want := members("throttl~"), []string{"throttle", "throttled", "throttling"}; !slices.Equal(got, want) {
		t.Errorf("group throttl~ = %q, want %q", got, want)
	}
}
