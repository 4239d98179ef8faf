package ingest

import (
	"context"
	"fmt"
	"testing"
)

// TestStripHTMLPunctuation: a helpdesk message body's HTML (Intercom's
// conversation source, the intercom profile's narrative) is read as text
// with its inline tags (b, i, a, span) gone without a trace, so that
// punctuation after one stays against its word, and its block tags (p,
// br, div, li) separating words by a space. Before, every tag became a
// space: "Hello <b>there</b>." was stored as "Hello there ." (QA pass).
// The bodies are made up, in the markup Intercom's API documents for a
// message body (paragraphs, bold, links, line breaks, lists).
func TestStripHTMLPunctuation(t *testing.T) {
	const conv = `{"type": "conversation", "id": "%s", "created_at": 1710435900, "state": "open", "admin_assignee_id": null,
  "source": {"type": "conversation", "body": %q, "author": {"type": "user", "id": "u1"}}}`
	bodies := []struct{ id, html, want string }{
		{"inline", `<p>Hello <b>there</b>. Your <a href="https://example.com/x">link</a>, <i>sadly</i>, <span>fails</span>!</p>`,
			"Hello there. Your link, sadly, fails!"},
		{"blocks", `<p>First.</p><p>Second</p><div>Third<br>Fourth<br/>Fifth</div><ul><li>one</li><li>two</li></ul>`,
			"First. Second Third Fourth Fifth one two"},
		// a tag inside a word joins it, as a browser shows it
		{"word", `<p>re<b>fund</b>ed <STRONG>twice</STRONG>?</p><P>Yes</P>`, "refunded twice? Yes"},
		// HTML's other block elements separate words too, and the named
		// entities a message body writes for spaces, dashes and quotes
		// are their characters (a QA pass: "figcapcend",
		// "charged&nbsp;twice")
		{"more-blocks", `<figure>fig</figure><figcaption>cap</figcaption><center>c</center><details><summary>s</summary>d</details>end`,
			"fig cap c s d end"},
		{"entities", `<p>charged&nbsp;twice &mdash; &ldquo;sorry&rdquo; &ndash; it&rsquo;s 2&hellip;</p>`,
			"charged twice — “sorry” – it’s 2…"},
	}
	body := `{"type": "conversation.list", "conversations": [`
	for i, b := range bodies {
		if i > 0 {
			body += ",\n"
		}
		body += fmt.Sprintf(conv, b.id, b.html)
	}
	body += "]}\n"
	path := tempFile(t, "conversations.json", body)
	db := openTemp(t)
	res := mustIngest(t, db, path, Options{})
	if res.Profile != "intercom" || res.Loaded != int64(len(bodies)) {
		t.Fatalf("profile %s, %v; want every conversation loaded by the intercom profile", res.Profile, res)
	}
	for _, b := range bodies {
		var got string
		if err := db.QueryRowContext(context.Background(), `SELECT narrative FROM complaints WHERE complaint_id = ?`, b.id).Scan(&got); err != nil {
			t.Fatalf("%s: %v", b.id, err)
		}
		if got != b.want {
			t.Errorf("%s: narrative %q, want %q", b.id, got, b.want)
		}
	}
}
