package pdftext

import "strings"

// Difference is one place where two texts of a document differ.
//
// A changed line has both Want and Got. A line only want has (Got is empty) is placed before
// got's line Line; a line only got has (Want is empty) is got's line Line. A page only one side
// has is one Difference with Line 0 and that page's lines joined by "\n".
type Difference struct {
	Page int // 1-based page number in got; for a page got lacks, want's
	Line int // 1-based line number in got's page; 0 for a whole page
	Want string
	Got  string
}

// Diff lists the differences of got from want, in got's order: pages are matched as a whole
// first (so a page inserted or removed is one difference), then the lines of the pages that
// differ, each a longest common subsequence apart.
func Diff(want, got []Page) []Difference {
	key := func(p Page) string { return strings.Join(p.Lines, "\n") }
	wk := make([]string, len(want))
	for i, p := range want {
		wk[i] = key(p)
	}
	gk := make([]string, len(got))
	for i, p := range got {
		gk[i] = key(p)
	}
	var out []Difference
	for _, b := range edits(wk, gk) {
		n := min(len(b.del), len(b.ins))
		for k := range n {
			w, g := want[b.del[k]], got[b.ins[k]]
			out = append(out, lineDiff(g.Number, w.Lines, g.Lines)...)
		}
		for _, i := range b.del[n:] {
			out = append(out, Difference{Page: want[i].Number, Want: wk[i]})
		}
		for _, i := range b.ins[n:] {
			out = append(out, Difference{Page: got[i].Number, Got: gk[i]})
		}
	}
	return out
}

// lineDiff lists the differing lines of one page.
func lineDiff(page int, want, got []string) []Difference {
	var out []Difference
	for _, b := range edits(want, got) {
		n := min(len(b.del), len(b.ins))
		for k := range n {
			out = append(out, Difference{Page: page, Line: b.ins[k] + 1, Want: want[b.del[k]], Got: got[b.ins[k]]})
		}
		for _, i := range b.del[n:] {
			out = append(out, Difference{Page: page, Line: b.at + 1, Want: want[i]})
		}
		for _, i := range b.ins[n:] {
			out = append(out, Difference{Page: page, Line: i + 1, Got: got[i]})
		}
	}
	return out
}

// block is a run of changes between two common elements: the indexes in a deleted and in b
// inserted; at is the index in b where the run begins.
type block struct {
	del, ins []int
	at       int
}

// maxCells bounds the table of the longest common subsequence; larger inputs, which no report
// has, are compared element by element beyond their common ends.
const maxCells = 1 << 22

// edits lists the blocks of changes from a to b along a longest common subsequence.
func edits(a, b []string) []block {
	// The common ends need no table.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	n, m := len(ma), len(mb)
	if n == 0 && m == 0 {
		return nil
	}
	var out []block
	cur := block{at: pre}
	flush := func(at int) {
		if len(cur.del) > 0 || len(cur.ins) > 0 {
			out = append(out, cur)
		}
		cur = block{at: at}
	}
	if n*m > maxCells || n == 0 || m == 0 {
		for i := range n {
			cur.del = append(cur.del, pre+i)
		}
		for j := range m {
			cur.ins = append(cur.ins, pre+j)
		}
		flush(0)
		return out
	}
	// l[i][j] is the length of the longest common subsequence of ma[i:] and mb[j:].
	l := make([]int32, (n+1)*(m+1))
	at := func(i, j int) int32 { return l[i*(m+1)+j] }
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if ma[i] == mb[j] {
				l[i*(m+1)+j] = at(i+1, j+1) + 1
			} else {
				l[i*(m+1)+j] = max(at(i+1, j), at(i, j+1))
			}
		}
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && ma[i] == mb[j]:
			i++
			j++
			flush(pre + j)
		case j < m && (i == n || at(i, j+1) >= at(i+1, j)):
			cur.ins = append(cur.ins, pre+j)
			j++
		default:
			cur.del = append(cur.del, pre+i)
			i++
		}
	}
	flush(0)
	return out
}
