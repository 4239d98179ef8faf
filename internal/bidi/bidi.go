// Package bidi names the Unicode characters that change the direction of
// the text after them (the "Trojan Source" characters, CVE-2021-42574):
// text from the data must not carry them unseen to a terminal (`complaints
// sql`, trends, errors) or to a report page, where a product
// "abc\u202Egnp.exe" reads "abcexe.png".
package bidi

import "slices"

// Controls are those characters: the Arabic letter mark, the left-to-right
// and right-to-left marks, the embeddings and overrides with their pop,
// and the isolates with theirs.
var Controls = []rune{0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069}

// IsControl reports whether r is one of Controls.
func IsControl(r rune) bool { return slices.Contains(Controls, r) }
