package content

import (
	"github.com/yuin/goldmark/ast"

	"github.com/youjun-edu/youjun/internal/diag"
)

// Right-aligned paragraphs, for a 落款 or a signature written in the chapter itself:
//
//	{{< right >}}
//	示例县教育局
//	2025年10月15日
//	{{< /right >}}
//
// sets the paragraphs between the two flush right, each line of the source on a line of its own;
// {{< right "示例县教育局" >}} sets one line. Both renderers ask RightAligned.

// RightAligned reports whether a paragraph is set flush right.
func RightAligned(n ast.Node) bool {
	v, ok := n.AttributeString("class")
	b, _ := v.([]byte)
	return ok && string(b) == "right"
}

// alignRight applies the right shortcodes of a chapter and takes them out of its tree, so that
// the renderers see only paragraphs marked RightAligned. A right shortcode elsewhere than at the
// start of a paragraph, or /right elsewhere than at its end, is left in the tree for resolve to
// report.
func (d *Doc) alignRight() diag.List {
	var probs diag.List
	var parents []ast.Node
	ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Type() != ast.TypeInline {
			parents = append(parents, n)
		}
		return ast.WalkContinue, nil
	})
	for _, parent := range parents {
		var open *Shortcode
		for n := parent.FirstChild(); n != nil; {
			next := n.NextSibling()
			p, ok := n.(*ast.Paragraph)
			if !ok {
				n = next
				continue
			}
			one := false
			if sc := shortcodeNamed(p.FirstChild(), "right"); sc != nil && open == nil {
				switch len(sc.Args) {
				case 0:
					open = sc
					p.RemoveChild(p, sc)
					for c, ok := p.FirstChild().(*ast.Text); ok && blank(c, d.Source); c, ok = p.FirstChild().(*ast.Text) {
						p.RemoveChild(p, c)
					}
				case 1:
					p.ReplaceChild(p, sc, ast.NewString([]byte(sc.Args[0])))
					one = true
				}
			}
			closing := false
			if sc := shortcodeNamed(p.LastChild(), "/right"); sc != nil && open != nil {
				p.RemoveChild(p, sc)
				for c, ok := p.LastChild().(*ast.Text); ok && blank(c, d.Source); c, ok = p.LastChild().(*ast.Text) {
					p.RemoveChild(p, c)
				}
				if c, ok := p.LastChild().(*ast.Text); ok {
					c.SetSoftLineBreak(false)
					c.SetHardLineBreak(false)
				}
				closing = true
			}
			if open != nil || one {
				p.SetAttributeString("class", []byte("right"))
				hardBreaks(p)
			}
			if closing {
				open = nil
			}
			if p.ChildCount() == 0 {
				parent.RemoveChild(parent, p)
			}
			n = next
		}
		if open != nil {
			probs.Add(d.File, d.Line(open.Offset), "", open.Raw, "{{< right >}} 没有对应的 {{< /right >}}：右对齐的段落须以 {{< /right >}} 结束")
		}
	}
	return probs
}

// shortcodeNamed returns n when it is a well-formed shortcode of that name.
func shortcodeNamed(n ast.Node, name string) *Shortcode {
	sc, ok := n.(*Shortcode)
	if !ok || sc.Err != "" || sc.Name != name {
		return nil
	}
	return sc
}

// blank reports whether a text node holds nothing but the end of a line.
func blank(t *ast.Text, src []byte) bool {
	for _, c := range t.Segment.Value(src) {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// hardBreaks keeps every line of a right-aligned paragraph on a line of its own.
func hardBreaks(p ast.Node) {
	ast.Walk(p, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok && entering && t.SoftLineBreak() {
			t.SetSoftLineBreak(false)
			t.SetHardLineBreak(true)
		}
		return ast.WalkContinue, nil
	})
}
