// Package diag holds the problems found in a site's input: where each one is (file, line,
// column) and what is wrong, in the Chinese a county clerk reads. Loaders collect every problem
// of a file before giving up, so the user fixes all of them in one pass.
package diag

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Problem is one finding about the input.
type Problem struct {
	File    string // path as the user knows it, e.g. data/schools.csv
	Line    int    // 1-based line or spreadsheet row; 0 when the problem is about the whole file
	Column  string // column header or key path; empty when not about one cell
	Value   string // the offending text, quoted in the message when not empty
	Message string // what is wrong, in Chinese, without the location
	Warning bool   // a warning does not stop the build
	Summary bool   // counts the problems of the file not listed ("另有 K 处…"); listed after them
}

// String formats the problem as
//
//	data/schools.csv 第12行「体育运动场馆面积」: "约3000" 不是数字
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, " 第%d行", p.Line)
	}
	if p.Column != "" {
		fmt.Fprintf(&b, "「%s」", p.Column)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if p.Value != "" {
		fmt.Fprintf(&b, "%q ", shorten(p.Value))
	}
	b.WriteString(p.Message)
	return b.String()
}

// maxValueRunes is how much of a long cell a message quotes: enough to find it, and a 10 MB
// cell does not become a 10 MB message.
const maxValueRunes = 60

// shorten cuts a long value to its start, saying how long it was.
func shorten(v string) string {
	if len(v) <= maxValueRunes {
		return v
	}
	runes, cut := 0, len(v)
	for i := range v {
		if runes == maxValueRunes {
			cut = i
		}
		runes++
	}
	if runes <= maxValueRunes {
		return v
	}
	return fmt.Sprintf("%s…（共 %d 个字符）", v[:cut], runes)
}

// List is a set of problems; as an error it reports all of them, one per line.
type List []Problem

// Add appends an error.
func (l *List) Add(file string, line int, column, value, format string, args ...any) {
	*l = append(*l, Problem{File: file, Line: line, Column: column, Value: value, Message: fmt.Sprintf(format, args...)})
}

// Warn appends a warning.
func (l *List) Warn(file string, line int, column, value, format string, args ...any) {
	*l = append(*l, Problem{File: file, Line: line, Column: column, Value: value, Message: fmt.Sprintf(format, args...), Warning: true})
}

// Errors returns the problems that are not warnings.
func (l List) Errors() List {
	var out List
	for _, p := range l {
		if !p.Warning {
			out = append(out, p)
		}
	}
	return out
}

// Warnings returns the warnings.
func (l List) Warnings() List {
	var out List
	for _, p := range l {
		if p.Warning {
			out = append(out, p)
		}
	}
	return out
}

// Err returns the list's errors as an error, or nil when there are none.
func (l List) Err() error {
	if errs := l.Errors(); len(errs) > 0 {
		return errs
	}
	return nil
}

// Sort orders problems by file, then line, keeping the order of problems on the same line. A
// file's summaries ("另有 K 处…") come after its listed problems, which they continue.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].File != l[j].File {
			return l[i].File < l[j].File
		}
		if l[i].Summary != l[j].Summary {
			return l[j].Summary
		}
		return l[i].Line < l[j].Line
	})
}

func (l List) Error() string {
	lines := make([]string, len(l))
	for i, p := range l {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// ByFile groups problems by file, files in order, problems by line within each.
func (l List) ByFile() (files []string, byFile map[string]List) {
	sorted := append(List(nil), l...)
	sorted.Sort()
	byFile = map[string]List{}
	for _, p := range sorted {
		if _, ok := byFile[p.File]; !ok {
			files = append(files, p.File)
		}
		byFile[p.File] = append(byFile[p.File], p)
	}
	return files, byFile
}

// Local formats the problem without its file name, for a list grouped by file.
func (p Problem) Local() string {
	q := p
	q.File = ""
	return strings.TrimPrefix(strings.TrimPrefix(q.String(), " "), ": ")
}

// Cap shortens a long list so that the user reads the first problems of each kind and a count of
// the rest, not hundreds of thousands of lines: at most perColumn problems for each file and
// column (a column of junk gives the same message on every row) and at most perFile for each
// file. Each group that lost problems ends with one problem "另有 K 处同类问题未列出", which is an
// error when any dropped problem was. Problems about a whole file (Line 0) are always kept. The
// kept problems stay in their order, the summaries follow in the order their groups first
// appeared.
func (l List) Cap(perColumn, perFile int) List {
	c := NewCapper(perColumn, perFile)
	c.Add(l...)
	return c.List()
}

// Capper applies Cap's rule while the problems are found, so that a loader reading a junk sheet
// (a million bad cells) keeps a few hundred problems in memory, not a million.
type Capper struct {
	perColumn, perFile int
	groups             map[capKey]*capGroup
	order              []capKey
	files              map[string]int
	kept               List
}

type capKey struct{ file, column string }

type capGroup struct {
	kept, dropped int
	error         bool
}

// NewCapper returns a Capper keeping at most perColumn problems per file and column and
// perFile per file.
func NewCapper(perColumn, perFile int) *Capper {
	return &Capper{perColumn: perColumn, perFile: perFile, groups: map[capKey]*capGroup{}, files: map[string]int{}}
}

// Add keeps or counts each problem, in order.
func (c *Capper) Add(probs ...Problem) {
	for _, p := range probs {
		if p.Line == 0 { // about the whole file: there are few, and each matters
			c.kept = append(c.kept, p)
			continue
		}
		k := capKey{p.File, p.Column}
		g, ok := c.groups[k]
		if !ok {
			g = &capGroup{}
			c.groups[k] = g
			c.order = append(c.order, k)
		}
		if g.kept >= c.perColumn || c.files[p.File] >= c.perFile {
			g.dropped++
			g.error = g.error || !p.Warning
			continue
		}
		g.kept++
		c.files[p.File]++
		c.kept = append(c.kept, p)
	}
}

// Err reports whether any problem added so far, kept or not, is an error.
func (c *Capper) Err() bool {
	if c.kept.Err() != nil {
		return true
	}
	for _, g := range c.groups {
		if g.error {
			return true
		}
	}
	return false
}

// List returns the kept problems followed by one summary for each group that lost problems.
func (c *Capper) List() List {
	out := slices.Clone(c.kept)
	for _, k := range c.order {
		if g := c.groups[k]; g.dropped > 0 {
			out = append(out, Problem{File: k.file, Column: k.column, Warning: !g.error, Summary: true,
				Message: fmt.Sprintf("另有 %d 处同类问题未列出", g.dropped)})
		}
	}
	return out
}
