package content

import (
	"strconv"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// ids generates heading IDs that keep Chinese: 一、基本情况 → 一基本情况. goldmark's default
// drops every non-ASCII character and leaves Chinese headings with "heading", "heading-1", ….
type ids struct {
	used map[string]bool
	next map[string]int // the next number to try after a base, so that many equal headings stay linear
}

func newIDs() *ids { return &ids{used: map[string]bool{}, next: map[string]int{}} }

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	var out []rune
	dash := false
	for _, r := range string(value) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			out = append(out, unicode.ToLower(r))
			dash = false
		case (r == ' ' || r == '-' || r == '_') && len(out) > 0 && !dash:
			out = append(out, '-')
			dash = true
		}
	}
	for len(out) > 0 && out[len(out)-1] == '-' {
		out = out[:len(out)-1]
	}
	base := string(out)
	if base == "" {
		base = "section"
	}
	id := base
	n := max(s.next[base], 1)
	for ; s.used[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	s.next[base] = n
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }
