package claims

import (
	"slices"
	"sort"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"github.com/youjun-edu/youjun/internal/content"
)

// Chapter is the prose of one chapter as its clerk typed it: runs of text (a paragraph, a
// heading, a list item, a table cell), each byte with its place in the file. A shortcode is not
// text (the report computes it), and neither are code, raw HTML, comments or pictures.
type Chapter struct {
	File      string
	Source    []byte // what the runs' offsets refer to: the chapter's body
	FirstLine int    // line of Source's first byte in the file
	Runs      []Run
	newlines  []int // offsets of the line ends in Source
	last      lastPosition
}

// Run is a stretch of text that sentences do not cross.
type Run struct {
	Text string
	At   []int // offset in Source of each byte of Text; -1 for a stand-in (a shortcode)
	buf  []byte
}

// standIn replaces a shortcode in a run: not a number, not a word, not the end of a sentence.
const standIn = '\uFFFC'

// FromDoc takes the prose of a parsed chapter.
func FromDoc(d *content.Doc) Chapter {
	c := Chapter{File: d.File, Source: d.Source, FirstLine: d.Line(0)}
	if d.Root == nil {
		return c
	}
	var cur *Run
	flush := func() {
		if cur != nil && len(cur.buf) > 0 {
			cur.done()
			c.Runs = append(c.Runs, *cur)
		}
		cur = nil
	}
	ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML,
			*ast.Image, *ast.AutoLink:
			if entering && cur != nil {
				cur.add(string(standIn), -1)
			}
			return ast.WalkSkipChildren, nil
		case *content.Shortcode:
			if entering && cur != nil {
				cur.add(string(standIn), -1)
			}
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *extast.TableCell:
			if entering {
				flush()
				cur = &Run{}
			} else {
				flush()
			}
		case *ast.Text:
			if entering && cur != nil {
				seg := n.Segment
				cur.addSource(d.Source, seg.Start, seg.Stop)
				if n.SoftLineBreak() || n.HardLineBreak() {
					cur.lineBreak(d.Source, seg.Stop)
				}
			}
		case *ast.String:
			if entering && cur != nil {
				cur.add(string(n.Value), -1)
			}
		}
		return ast.WalkContinue, nil
	})
	flush()
	return c
}

// FromText takes plain text, each line a run: for text that is not Markdown, and for tests.
func FromText(file, text string) Chapter {
	c := Chapter{File: file, Source: []byte(text), FirstLine: 1}
	start := 0
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == '\n' {
			if i > start {
				r := Run{}
				r.addSource(c.Source, start, i)
				r.done()
				c.Runs = append(c.Runs, r)
			}
			start = i + 1
		}
	}
	return c
}

func (r *Run) done() { r.Text, r.buf = string(r.buf), nil }

func (r *Run) add(s string, at int) {
	r.buf = append(r.buf, s...)
	for range len(s) {
		r.At = append(r.At, at)
	}
}

func (r *Run) addSource(src []byte, start, stop int) {
	r.buf = append(r.buf, src[start:stop]...)
	r.At = slices.Grow(r.At, stop-start)
	for i := start; i < stop; i++ {
		r.At = append(r.At, i)
	}
}

// lineBreak joins two lines of a paragraph: Chinese lines join without a space (as the CJK
// extension renders them), others with one, so that "98.2" and "%" on two lines stay apart
// only where the reader sees them apart.
func (r *Run) lineBreak(src []byte, stop int) {
	last, _ := utf8.DecodeLastRune(r.buf)
	next := rune(0)
	for i := stop; i < len(src); i++ {
		if src[i] != '\n' && src[i] != ' ' && src[i] != '\t' {
			next, _ = utf8.DecodeRune(src[i:])
			break
		}
	}
	if last < utf8.RuneSelf && next < utf8.RuneSelf {
		r.add(" ", -1)
	}
}

// position returns the line and column (in characters, from 1) of a byte of Source.
func (c *Chapter) position(offset int) (int, int) {
	if c.newlines == nil {
		c.newlines = []int{}
		for i, b := range c.Source {
			if b == '\n' {
				c.newlines = append(c.newlines, i)
			}
		}
	}
	k := sort.SearchInts(c.newlines, offset)
	start := 0
	if k > 0 {
		start = c.newlines[k-1] + 1
	}
	// Findings come in order: count on from the last one on the same line, so that a long line
	// of findings is not counted from its start each time.
	col := 1
	if p := c.last; p.ok && p.offset >= start && p.offset <= offset {
		start, col = p.offset, p.col
	}
	col += utf8.RuneCount(c.Source[start:offset])
	c.last = lastPosition{offset, col, true}
	return c.FirstLine + k, col
}

// lastPosition is the column position last returned, at a byte offset.
type lastPosition struct {
	offset, col int
	ok          bool
}
