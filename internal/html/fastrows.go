package html

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/youjun-edu/youjun/internal/chart"
	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/report"
)

// The long, fixed parts of the layouts (a chart's data table with a row per school, a school's
// indicator rows and facts, the list of schools) are rendered here in Go: html/template calls
// its escapers through reflection, once or twice per action, and these parts are most of a
// large county's actions. Each writes exactly what the layout did before, escaped the way
// html/template escapes the same context (escText, escURL), so the pages stay byte-identical;
// the layouts call them as template functions and can still be replaced by a site's own.

// textEscaper escapes like html/template in text and quoted attribute values: the same
// replacements as its htmlEscaper and attrEscaper for plain (not template.HTML) values.
var textEscaper = strings.NewReplacer(
	"\x00", "\uFFFD",
	`"`, "&#34;",
	"&", "&amp;",
	"'", "&#39;",
	"+", "&#43;",
	"<", "&lt;",
	">", "&gt;",
)

// escText escapes untrusted text (a school's name, a value) for a text node or quoted attribute.
func escText(b *strings.Builder, s string) { textEscaper.WriteString(b, s) }

// escURL writes a part of a URL in a quoted href after its start, as html/template does
// (urlNormalizer, then attrEscaper): bytes outside RFC 3986's unreserved and reserved sets are
// percent-encoded, then HTML specials are escaped.
func escURL(b *strings.Builder, s string) { escText(b, normalizeURL(s)) }

// escURLStart writes a part of a URL that html/template may see at its start — any action
// before a literal part, as in href="{{$root}}{{$path}}", since $root may be empty: a scheme
// other than http, https and mailto is replaced by "#ZgotmplZ", as its urlFilter does.
func escURLStart(b *strings.Builder, s string) {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") &&
		!strings.EqualFold(protocol, "http") && !strings.EqualFold(protocol, "https") && !strings.EqualFold(protocol, "mailto") {
		s = "#ZgotmplZ"
	}
	escURL(b, s)
}

// normalizeURL is html/template's URL normalization (processURLOnto with norm set).
func normalizeURL(s string) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0,
			'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		b.WriteString(s[written:i])
		fmt.Fprintf(&b, "%%%02x", c)
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// writeLink writes <a href="root+path">text</a>, as the layouts' {{$root}}{{path}} hrefs.
func writeLink(b *strings.Builder, root, path, text string) {
	b.WriteString(`<a href="`)
	escURLStart(b, root)
	escURLStart(b, path)
	b.WriteString(`">`)
	escText(b, text)
	b.WriteString(`</a>`)
}

// writeVerdict writes the "verdict" template: a status with its CSS class.
func writeVerdict(b *strings.Builder, s report.Status) {
	b.WriteString(`<span class="verdict `)
	escText(b, statusClass(s))
	b.WriteString(`">`)
	escText(b, string(s))
	b.WriteString(`</span>`)
}

const failMark = `<span class="mark" title="未达到">✗</span>`

// chartRows renders a chart's data table rows, one per category, each after a newline.
func (s *site) chartRows(c *chart.Chart, root string) (template.HTML, error) {
	var b strings.Builder
	for i, cat := range c.Categories {
		if i >= len(c.Refs) {
			return "", fmt.Errorf("图 %s 的第 %d 项没有链接", c.ID, i+1)
		}
		b.WriteString("\n<tr><th scope=\"row\">")
		if p := s.refPath(c.Refs[i]); p != "" {
			writeLink(&b, root, p, cat)
		} else {
			escText(&b, cat)
		}
		b.WriteString("</th>")
		for _, se := range c.Series {
			if i >= len(se.Values) {
				return "", fmt.Errorf("图 %s 的「%s」没有第 %d 项的数值", c.ID, se.Name, i+1)
			}
			fail := i < len(se.Fail) && se.Fail[i]
			if fail {
				b.WriteString(`<td class="num fail">` + failMark)
			} else {
				b.WriteString(`<td class="num">`)
			}
			escText(&b, num.Fixed(se.Values[i], c.Decimals))
			b.WriteString("</td>")
		}
		b.WriteString("</tr>")
	}
	return template.HTML(b.String()), nil
}

// unitRows renders a school unit's indicator rows, each after a newline.
func unitRows(rows []report.UnitRow, root string) template.HTML {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString("\n<tr><th scope=\"row\"><a href=\"")
		escURLStart(&b, root)
		b.WriteString("indicators/")
		escURL(&b, r.ID)
		b.WriteString(`.html">`)
		escText(&b, r.ID)
		b.WriteString(" ")
		escText(&b, r.Name)
		if r.Unit != "" {
			b.WriteString("（")
			escText(&b, r.Unit)
			b.WriteString("）")
		}
		if r.Fail {
			b.WriteString(`</a></th><td class="num fail">` + failMark)
		} else {
			b.WriteString(`</a></th><td class="num">`)
		}
		for _, c := range []struct{ before, text string }{
			{"", r.Value}, {`</td><td class="num">`, r.Threshold}, {`</td><td class="num">`, r.Floor},
			{`</td><td class="nowrap">`, r.Judgement}, {`</td><td class="num">`, r.County},
		} {
			b.WriteString(c.before)
			escText(&b, c.text)
		}
		b.WriteString("</td></tr>")
	}
	return template.HTML(b.String())
}

// ruleRows renders a school's rows of the school rules (G3–G7, G12, Q4), each after a newline.
func (s *site) ruleRows(rows []report.RuleRow, root string) template.HTML {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString("\n<tr><th scope=\"row\">")
		writeLink(&b, root, s.refPath(r.Ref), r.ID+" "+r.Short)
		b.WriteString("</th><td>")
		writeVerdict(&b, r.Status)
		b.WriteString("</td><td>")
		escText(&b, r.Detail)
		b.WriteString("</td></tr>")
	}
	return template.HTML(b.String())
}

// factList renders a school's facts as <dt>/<dd> pairs.
func factList(facts []report.Fact) template.HTML {
	var b strings.Builder
	for _, f := range facts {
		b.WriteString("<dt>")
		escText(&b, f.Label)
		b.WriteString("</dt><dd>")
		escText(&b, f.Value)
		b.WriteString("</dd>")
	}
	return template.HTML(b.String())
}

// schoolRows renders the list of schools, each row after a newline.
func (s *site) schoolRows(rows []report.SchoolRow, root string) template.HTML {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString("\n<tr><td>")
		escText(&b, r.Code)
		b.WriteString("</td><td>")
		writeLink(&b, root, s.refPath(r.Ref), r.Name)
		b.WriteString("</td><td>")
		escText(&b, r.Type)
		b.WriteString("</td><td>")
		escText(&b, r.Area)
		b.WriteString(`</td><td class="num">`)
		escText(&b, r.Students)
		b.WriteString("</td><td>")
		if r.Primary != "" {
			writeVerdict(&b, r.Primary)
		}
		b.WriteString("</td><td>")
		if r.Junior != "" {
			writeVerdict(&b, r.Junior)
		}
		b.WriteString("</td><td>")
		escText(&b, r.Note)
		b.WriteString("</td></tr>")
	}
	return template.HTML(b.String())
}

// crumbs renders a page's breadcrumb links, separated by ›.
func crumbs(p *page) template.HTML {
	var b strings.Builder
	for i, l := range p.Breadcrumbs {
		if i > 0 {
			b.WriteString(` <span aria-hidden="true">›</span> `)
		}
		writeLink(&b, p.Root, l.Path, l.Title)
	}
	return template.HTML(b.String())
}

// pager renders the links to the previous and the next page, each on its own indented line.
func pager(p *page) template.HTML {
	var b strings.Builder
	b.WriteString("  ")
	if l := p.Prev; l != nil {
		b.WriteString(`<a class="prev" href="`)
		escURLStart(&b, p.Root)
		escURLStart(&b, l.Path)
		b.WriteString(`" rel="prev">‹ `)
		escText(&b, l.Title)
		b.WriteString(`</a>`)
	} else {
		b.WriteString(`<span></span>`)
	}
	b.WriteString("\n  ")
	if l := p.Next; l != nil {
		b.WriteString(`<a class="next" href="`)
		escURLStart(&b, p.Root)
		escURLStart(&b, l.Path)
		b.WriteString(`" rel="next">`)
		escText(&b, l.Title)
		b.WriteString(` ›</a>`)
	}
	return template.HTML(b.String())
}

// navSidebar renders youjun's own "nav" template: the sidebar's sections and links, the
// current page marked.
func navSidebar(nav []navSection, root string) template.HTML {
	var b strings.Builder
	for _, sec := range nav {
		b.WriteString("\n  <p class=\"nav-section\">")
		escText(&b, sec.Title)
		b.WriteString("</p>\n  <ul>")
		for _, l := range sec.Links {
			if l.Current {
				b.WriteString("\n    <li class=\"current\"><a href=\"")
			} else {
				b.WriteString("\n    <li><a href=\"")
			}
			escURLStart(&b, root)
			escURLStart(&b, l.Path)
			if l.Current {
				b.WriteString(`" aria-current="page">`)
			} else {
				b.WriteString(`">`)
			}
			if l.Status != "" {
				b.WriteString(`<span class="dot `)
				escText(&b, statusClass(l.Status))
				b.WriteString(`" title="`)
				escText(&b, string(l.Status))
				b.WriteString(`"></span>`)
			}
			escText(&b, l.Title)
			b.WriteString("</a></li>")
		}
		b.WriteString("\n  </ul>")
	}
	return template.HTML(b.String())
}
