package html

import (
	"bytes"
	"html/template"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/youjun-edu/youjun/internal/content"
)

// markdown renders chapters to HTML with goldmark, its shortcodes replaced by what they resolved
// to, drawn with the same partial templates (table, chart, list) as the other pages.
type markdown struct {
	s    *site
	md   goldmark.Markdown
	root string // the current page's way back to the site root
}

func newMarkdown(s *site) *markdown {
	m := &markdown{s: s, md: content.Markdown()}
	m.md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(m, 100)))
	return m
}

func (m *markdown) render(d *content.Doc, root string) template.HTML {
	m.root = root
	var b bytes.Buffer
	if err := m.md.Renderer().Render(&b, d.Source, d.Root); err != nil {
		// Rendering writes to memory and every shortcode was resolved before; an error here is a
		// template fault, shown in place rather than lost.
		return template.HTML("<p class=\"error\">" + template.HTMLEscapeString(err.Error()) + "</p>")
	}
	return template.HTML(b.String())
}

// RegisterFuncs implements renderer.NodeRenderer.
func (m *markdown) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(content.KindShortcode, m.shortcode)
	reg.Register(ast.KindParagraph, m.paragraph)
}

// paragraph is goldmark's, except that a paragraph holding only a table, chart or list shortcode
// is not wrapped in <p>, which may not contain them.
func (m *markdown) paragraph(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if sc, ok := n.FirstChild().(*content.Shortcode); ok && sc.Block() && m.s.in.Resolved[sc].Block() {
		return ast.WalkContinue, nil
	}
	if entering {
		w.WriteString("<p>")
	} else {
		w.WriteString("</p>\n")
	}
	return ast.WalkContinue, nil
}

func (m *markdown) shortcode(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	res := m.s.in.Resolved[n.(*content.Shortcode)]
	t := m.s.templates["chapter"]
	switch {
	case res.Table != nil:
		return ast.WalkContinue, t.ExecuteTemplate(w, "table", map[string]any{"T": res.Table, "Root": m.root, "Downloads": true, "Label": res.Label})
	case res.Chart != nil:
		return ast.WalkContinue, t.ExecuteTemplate(w, "chart", map[string]any{"C": res.Chart, "Root": m.root, "Label": res.Label})
	case res.IsList:
		return ast.WalkContinue, t.ExecuteTemplate(w, "list", map[string]any{"L": res.List, "Root": m.root})
	case res.Verdict:
		return ast.WalkContinue, t.ExecuteTemplate(w, "verdict", res.Text)
	}
	w.WriteString(`<span class="value">`)
	w.WriteString(template.HTMLEscapeString(res.Text))
	w.WriteString(`</span>`)
	return ast.WalkContinue, nil
}
