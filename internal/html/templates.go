package html

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template/parse"
	"unicode/utf8"

	"github.com/youjun-edu/youjun/internal/chart"
	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/templates"
)

// The page layouts: a page's Kind, each <kind>.html on top of baseof.html.
const (
	kindIndex      = "index"
	kindChapter    = "chapter"
	kindSchool     = "school"
	kindSchools    = "schools"
	kindIndicator  = "indicator"
	kindIndicators = "indicators"
	kindTable      = "table"
	kindTables     = "tables"
)

// kinds are the page templates.
var kinds = []string{kindIndex, kindChapter, kindSchool, kindSchools, kindIndicator, kindIndicators, kindTable, kindTables}

// layout returns a template file: the site's templates/<name> when it exists (Hugo's lookup,
// kept simple), else youjun's own, embedded from the repository's templates/. Only the names
// youjun knows are looked up, so anything else in a site's templates/ (the example site's is
// the templates package itself, with its templates.go) is never read. Errors in youjun's own
// templates are filed under youjun/templates/, not to be mistaken for a file of the site.
func layout(siteDir, name string) (string, []byte, error) {
	b, ok, err := ownFile(siteDir, name)
	if err != nil {
		return "", nil, err
	}
	if ok {
		return "templates/" + name, b, nil
	}
	b, err = fs.ReadFile(templates.FS, name)
	return "youjun/templates/" + name, b, err
}

// ownFile reads the site's templates/<name>, reporting whether it exists. Template authors are
// trusted, but a site folder is copied around: a symlink (site.js → /etc/passwd) would publish a
// file from outside the site, so youjun refuses one, and anything else that is not a regular
// file (a FIFO would block the build).
func ownFile(siteDir, name string) ([]byte, bool, error) {
	if siteDir == "" {
		return nil, false, nil
	}
	dir := filepath.Join(siteDir, "templates")
	for _, c := range []struct{ path, rel string }{{dir, "templates/"}, {filepath.Join(dir, name), "templates/" + name}} {
		st, err := os.Lstat(c.path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, false, nil
		case err != nil:
			return nil, false, &TemplateError{File: c.rel, Message: "无法读取：" + diag.SysError(err)}
		case st.Mode()&fs.ModeSymlink != 0:
			return nil, false, &TemplateError{File: c.rel, Message: "是符号链接（快捷方式）：youjun 不读取站点之外的文件，请把文件本身复制到这里"}
		case c.path == dir && !st.IsDir():
			return nil, false, &TemplateError{File: c.rel, Message: "应当是目录"}
		case c.path != dir && !st.Mode().IsRegular():
			return nil, false, &TemplateError{File: c.rel, Message: "不是普通文件"}
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return nil, false, &TemplateError{File: "templates/" + name, Message: "无法读取：" + diag.SysError(err)}
	}
	return b, true, nil
}

// loadTemplates parses the base layout once and each kind on a clone of it. Each file is parsed
// under its own name so that errors name the file; a kind file with content outside {{define}}
// replaces the page frame, as it did when it was parsed into the base template.
// It also returns the file of each template name, for error messages.
func loadTemplates(siteDir string, funcs template.FuncMap) (map[string]*template.Template, map[string]string, error) {
	file, src, err := layout(siteDir, "baseof.html")
	if err != nil {
		return nil, nil, err
	}
	files := map[string]string{"baseof.html": file}
	base, err := template.New("baseof.html").Funcs(funcs).Parse(string(src))
	if err != nil {
		return nil, nil, templateError(err, files, "")
	}
	out := map[string]*template.Template{}
	for _, k := range kinds {
		name := k + ".html"
		file, src, err := layout(siteDir, name)
		if err != nil {
			return nil, nil, err
		}
		files[name] = file
		t := template.Must(base.Clone())
		kt, err := t.New(name).Parse(string(src))
		if err != nil {
			return nil, nil, templateError(err, files, "")
		}
		if kt.Tree != nil && !parse.IsEmptyTree(kt.Tree.Root) {
			if _, err := t.AddParseTree("baseof.html", kt.Tree); err != nil {
				return nil, nil, templateError(err, files, "")
			}
		}
		out[k] = t
	}
	return out, files, nil
}

// funcMap returns the template functions; ref resolves references against this site's pages.
func (s *site) funcMap() template.FuncMap {
	return template.FuncMap{
		"status": statusClass,
		"ref":    s.refPath,
		"dict": func(kv ...any) map[string]any {
			m := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[kv[i].(string)] = kv[i+1]
			}
			return m
		},
		// chartJSON embeds a chart's ECharts options; encoding/json has escaped <, > and &.
		"chartJSON": func(c *chart.Chart) (template.JS, error) {
			b, err := c.ECharts()
			return template.JS(b), err
		},
		"failAt": func(s chart.Series, i int) bool { return i < len(s.Fail) && s.Fail[i] },
		"rows":   s.rows,
		// Go-rendered rows of the long tables (fastrows.go).
		"chartRows":  s.chartRows,
		"unitRows":   unitRows,
		"ruleRows":   s.ruleRows,
		"factList":   factList,
		"schoolRows": s.schoolRows,
		"crumbs":     crumbs,
		"pager":      pager,
		"navHTML":    s.navHTML,
		"fmtValue": func(v float64, decimals int) string {
			return num.Fixed(v, decimals)
		},
	}
}

// rows renders a table's body rows in Go, escaped, so that a long table costs no template actions
// per cell: numbers right-aligned, short cells kept on one line, failures marked (not by colour
// alone), links relative to the current page.
func (s *site) rows(t *report.Table, root string) []template.HTML {
	out := make([]template.HTML, len(t.Rows))
	var b strings.Builder
	for r, row := range t.Rows {
		b.Reset()
		b.WriteString("<tr>")
		for i, c := range row {
			class := ""
			switch {
			case i < len(t.Columns) && t.Columns[i].Numeric:
				class = "num"
			case utf8.RuneCountInString(c.Text) <= 8: // a status, a level, a code
				class = "nowrap"
			}
			if c.Fail {
				class = strings.TrimSpace(class + " fail")
			}
			b.WriteString(`<td class="` + class + `">`)
			if c.Fail {
				b.WriteString(`<span class="mark" title="未达到">✗</span>`)
			}
			text := template.HTMLEscapeString(c.Text)
			if p := s.refPath(c.Ref); p != "" {
				b.WriteString(`<a href="` + template.HTMLEscapeString(root+p) + `">` + text + `</a>`)
			} else {
				b.WriteString(text)
			}
			b.WriteString("</td>")
		}
		b.WriteString("</tr>")
		out[r] = template.HTML(b.String())
	}
	return out
}

// statusClass maps a status to its CSS class.
func statusClass(s any) string {
	switch fmt.Sprint(s) {
	case string(report.Met):
		return "ok"
	case string(report.NotMet):
		return "fail"
	case string(report.Pending):
		return "pending"
	}
	return "na"
}

// refPath turns a view's reference (school:<code>, indicator:<id>, table:<id>, dimension:<id>,
// schools) into a path from the site's root.
func (s *site) refPath(ref string) string {
	kind, id, _ := strings.Cut(ref, ":")
	switch kind {
	case "schools":
		return "schools/index.html"
	case "table":
		return "tables/" + id + ".html"
	case "dimension":
		return "indicators/index.html#" + id
	case "school":
		if f, ok := s.schoolFiles[id]; ok {
			return "schools/" + f
		}
	case "indicator":
		return "indicators/" + fileName(id) + ".html"
	}
	return ""
}

// fileName keeps letters, digits, - and _ of an identifier so that it is safe in any URL.
func fileName(id string) string {
	var b strings.Builder
	for _, r := range id {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}
