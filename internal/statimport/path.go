package statimport

import (
	"strings"
	"unicode/utf8"

	"github.com/youjun-edu/youjun/internal/data"
)

// Sep joins the levels of a header path: 专任教师›#按学历分›本科.
const Sep = "›"

// maxSegments and maxSegmentRunes bound a header path: real ones have up to five levels of a few
// dozen characters.
const (
	maxSegments     = 16
	maxSegmentRunes = 200
)

// Path is a column's header path: its header cells from the top header row down, merged cells
// counted once, blank ones left out.
type Path []string

// String joins the path with ›, as messages and the 来源 sheet show it.
func (p Path) String() string { return strings.Join(p, Sep) }

// ParsePath splits a header path as written in a mapping file. Each level is normalised like a
// school table header (full-width brackets and letters, spaces): 「占地面积（平方米）」 and
// 「占地面积(平方米)」 are one level. It returns nil for a path with a blank level, too many
// levels or a level too long.
func ParsePath(s string) Path {
	if s == "" || !utf8.ValidString(s) {
		return nil
	}
	parts := strings.Split(s, Sep)
	if len(parts) > maxSegments {
		return nil
	}
	p := make(Path, 0, len(parts))
	for _, part := range parts {
		n := normalize(part)
		if n == "" || utf8.RuneCountInString(n) > maxSegmentRunes {
			return nil
		}
		p = append(p, n)
	}
	return p
}

// normalize folds a header cell as the school table folds its headers, and drops line breaks
// inside a cell (Alt+Enter in Excel).
func normalize(s string) string {
	s = data.NormalizeHeader(s)
	return strings.ReplaceAll(s, Sep, "")
}

// equal reports whether two paths are the same.
func (p Path) equal(q Path) bool {
	if len(p) != len(q) {
		return false
	}
	for i := range p {
		if p[i] != q[i] {
			return false
		}
	}
	return true
}

// endsWith reports whether p ends with the levels of q: a mapping may leave out levels above
// the ones that tell a column apart, such as the 表号 of a per-school sheet.
func (p Path) endsWith(q Path) bool {
	return len(q) <= len(p) && p[len(p)-len(q):].equal(q)
}
