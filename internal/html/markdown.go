package html

import (
	"bytes"
	"html/template"
	"path"
	"strings"

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
	root string       // the current page's way back to the site root
	doc  *content.Doc // the chapter being rendered
}

func newMarkdown(s *site) *markdown {
	m := &markdown{s: s, md: content.Markdown()}
	m.md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(m, 100)))
	return m
}

func (m *markdown) render(d *content.Doc, root string) template.HTML {
	m.root, m.doc = root, d
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
	reg.Register(ast.KindImage, m.image)
}

// image shows a picture that is a file in content/, copied beside the chapter's page. Any other
// picture (another site's, a path outside content/) is not loaded: the page makes no request
// outside the site. Its description is shown instead, linked when it is a web address; `check`
// reports it.
func (m *markdown) image(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.Image)
	alt := altText(n, source)
	if im := m.doc.Image(n); im != nil {
		m.s.files[path.Join(m.doc.Slug, im.Path)] = im.Data
		w.WriteString(`<img src="`)
		w.Write(util.EscapeHTML(util.URLEscape([]byte(im.Path), true)))
		w.WriteString(`" alt="`)
		w.WriteString(template.HTMLEscapeString(alt))
		w.WriteString(`">`)
		return ast.WalkSkipChildren, nil
	}
	dest := string(n.Destination)
	lower := strings.ToLower(dest)
	if alt == "" {
		alt = "图片"
	}
	if strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") {
		w.WriteString(`<a class="external-image" href="`)
		w.Write(util.EscapeHTML(util.URLEscape(n.Destination, true)))
		w.WriteString(`">`)
		w.WriteString(template.HTMLEscapeString(alt))
		w.WriteString(`</a>`)
		return ast.WalkSkipChildren, nil
	}
	w.WriteString(`<span class="missing-image">`)
	w.WriteString(template.HTMLEscapeString(alt))
	w.WriteString(`</span>`)
	return ast.WalkSkipChildren, nil
}

// altText is a picture's description: the text of its children.
func altText(n ast.Node, source []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(source))
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// paragraph is goldmark's, except that a paragraph holding only a table, chart or list shortcode
// is not wrapped in <p>, which may not contain them.
func (m *markdown) paragraph(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if sc, ok := n.FirstChild().(*content.Shortcode); ok && sc.Block() && m.s.in.Resolved[sc].Block() {
		return ast.WalkContinue, nil
	}
	if entering && content.RightAligned(n) {
		w.WriteString(`<p class="right">`)
	} else if entering {
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
	// Chapters are checked to be UTF-8; a value comes from the data, which is not, so an invalid
	// byte is replaced here rather than copied into the page.
	w.WriteString(template.HTMLEscapeString(strings.ToValidUTF8(res.Text, "\uFFFD")))
	w.WriteString(`</span>`)
	return ast.WalkContinue, nil
}
