package verify

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/internal/sheet"
)

// The names of the 核查清单 that --report writes.
const (
	ReportHTML = "核查清单.html"
	ReportXLSX = "核查清单.xlsx"
)

// Summary is the report's last line.
func (r *Report) Summary() string {
	n, w := r.Discrepancies(), len(r.Findings)-r.Discrepancies()
	note := ""
	if w > 0 {
		note = fmt.Sprintf("；另有 %d 条提示（不算不一致）", w)
	}
	if n == 0 {
		return "核查通过：材料包中的文件与清单一致，评估结果和附表与按包内数据复算的结果一致" + note + "。"
	}
	return fmt.Sprintf("核查未通过：共发现 %d 处不一致%s。", n, note)
}

// heading says which package was checked.
func (r *Report) heading() string {
	m := r.Manifest
	return fmt.Sprintf("核查 %s（%s，%d 年度，报告日期 %s，评估标准 %s，youjun %s 打包）", r.Package, m.County, m.Year, m.Date, m.Profile, m.Version)
}

// WriteText writes the report as terminal text in Chinese: every finding with its file and
// place, grouped by file, then the count.
func (r *Report) WriteText(w io.Writer) error {
	var b bytes.Buffer
	fmt.Fprintln(&b, r.heading())
	fmt.Fprintf(&b, "已核查：%s\n", strings.Join(r.Checks, "、"))
	if len(r.Skipped) > 0 {
		fmt.Fprintf(&b, "未能核查（无法复算）：%s\n", strings.Join(r.Skipped, "、"))
	}
	fs := append([]Finding(nil), r.Findings...)
	sortFindings(fs)
	file := "\x00"
	for _, f := range fs {
		if f.File != file {
			file = f.File
			fmt.Fprintf(&b, "  %s\n", file)
		}
		mark := "不一致"
		if f.Warning {
			mark = "提示"
		}
		fmt.Fprintf(&b, "    [%s·%s] ", f.Kind.Chinese(), mark)
		if f.Where != "" {
			fmt.Fprintf(&b, "%s：", f.Where)
		}
		b.WriteString(f.Message)
		b.WriteString(values(f))
		b.WriteByte('\n')
	}
	fmt.Fprintln(&b, r.Summary())
	_, err := w.Write(b.Bytes())
	return err
}

// values is what a finding's line says of the values: the packaged one and the expected one;
// for a 提示 that has no expected value (a figure that deserves a second look), only the value,
// not an empty 应为.
func values(f Finding) string {
	switch {
	case f.Got == "" && f.Want == "":
		return ""
	case f.Warning && f.Want == "":
		return "（值：" + f.Got + "）"
	}
	return fmt.Sprintf("（包内：%s；应为：%s）", quote(f.Got), quote(f.Want))
}

// title is the 核查清单's heading in the workbook: the county's, then the package's name.
func (r *Report) title() string {
	if r.Manifest.County == "" {
		return "核查清单：" + r.Package
	}
	return r.Manifest.County + "申报材料核查清单（" + r.Package + "）"
}

// table is the report as a table: the XLSX 核查清单's one sheet.
func (r *Report) table() *report.Table {
	t := &report.Table{ID: "verify", Name: "核查清单", Title: r.title(), Columns: []report.Column{
		{Header: "序号", Numeric: true}, {Header: "类别"}, {Header: "结论"}, {Header: "文件"}, {Header: "位置"},
		{Header: "包内的值"}, {Header: "应为（复算或清单）"}, {Header: "说明"},
	}, Notes: []string{r.heading(), r.Summary()}}
	fs := append([]Finding(nil), r.Findings...)
	sortFindings(fs)
	for i, f := range fs {
		n := float64(i + 1)
		mark := "不一致"
		if f.Warning {
			mark = "提示"
		}
		t.Rows = append(t.Rows, []report.Cell{{Text: fmt.Sprint(i + 1), Value: &n}, {Text: f.Kind.Chinese()}, {Text: mark},
			{Text: f.File}, {Text: f.Where}, {Text: f.Got}, {Text: f.Want}, {Text: f.Message}})
	}
	return t
}

// XLSX is the 核查清单 as a workbook. Its text cells are shared strings, never formulas: a
// value taken from a tampered package (=HYPERLINK(…)) stays text.
func (r *Report) XLSX() ([]byte, error) { return sheet.XLSX(r.table(), r.Manifest.Date) }

// HTML is the 核查清单 as one offline page: no script, no outside resource, every text escaped.
func (r *Report) HTML() ([]byte, error) {
	fs := append([]Finding(nil), r.Findings...)
	sortFindings(fs)
	var b bytes.Buffer
	err := reportPage.Execute(&b, struct {
		*Report
		Title, Heading, Summary string
		List                    []Finding
	}{r, r.title(), r.heading(), r.Summary(), fs})
	return b.Bytes(), err
}

// WriteFiles writes the HTML and XLSX 核查清单 into dir, which must not be inside the package
// folder pkgRoot (a reviewer's notes are no part of what was submitted). Each file is written
// under a temporary name and renamed.
func (r *Report) WriteFiles(dir, pkgRoot string) error {
	if pkgRoot != "" && inside(dir, pkgRoot) {
		return errors.New("核查清单不能写进材料包的目录中（会改变材料包）。请用 --report 另选一个目录")
	}
	h, err := r.HTML()
	if err != nil {
		return err
	}
	x, err := r.XLSX()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("%s：%s", dir, diag.SysError(err))
	}
	for name, b := range map[string][]byte{ReportHTML: h, ReportXLSX: x} {
		if err := writeAtomic(filepath.Join(dir, name), b); err != nil {
			return fmt.Errorf("%s：%s", filepath.Join(dir, name), diag.SysError(err))
		}
	}
	return nil
}

// inside reports whether p is dir or inside it, with links resolved as far as they exist.
func inside(p, dir string) bool {
	real := func(s string) string {
		abs, err := filepath.Abs(s)
		if err != nil {
			return s
		}
		rest := ""
		for cur := abs; ; {
			if r, err := filepath.EvalSymlinks(cur); err == nil {
				return filepath.Join(r, rest)
			}
			parent := filepath.Dir(cur)
			if parent == cur {
				return abs
			}
			rest = filepath.Join(filepath.Base(cur), rest)
			cur = parent
		}
	}
	rel, err := filepath.Rel(real(dir), real(p))
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func writeAtomic(name string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	os.Chmod(tmp.Name(), 0o644)
	return os.Rename(tmp.Name(), name)
}

var reportPage = template.Must(template.New("report").Funcs(template.FuncMap{
	"mark": func(f Finding) string {
		if f.Warning {
			return "提示"
		}
		return "不一致"
	},
	"inc": func(i int) int { return i + 1 },
}).Parse(`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:80em;padding:0 1em;color:#222}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9em}
th,td{border:1px solid #999;padding:.3em .5em;vertical-align:top;text-align:left}
th{background:#eee}
td.v{font-family:monospace;word-break:break-all}
th,td.nw{white-space:nowrap}
tr.warn td{color:#555}
.ok{color:#070;font-weight:bold}.bad{color:#a00;font-weight:bold}
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p>{{.Heading}}</p>
<p>已核查：{{range $i, $c := .Checks}}{{if $i}}、{{end}}{{$c}}{{end}}{{if .Skipped}}；未能核查（无法复算）：{{range $i, $c := .Skipped}}{{if $i}}、{{end}}{{$c}}{{end}}{{end}}</p>
<p class="{{if .OK}}ok{{else}}bad{{end}}">{{.Summary}}</p>
{{- if .List}}
<div class="scroll"><table>
<thead><tr><th>序号</th><th>类别</th><th>结论</th><th>文件</th><th>位置</th><th>包内的值</th><th>应为（复算或清单）</th><th>说明</th></tr></thead>
<tbody>
{{- range $i, $f := .List}}
<tr{{if $f.Warning}} class="warn"{{end}}><td class="nw">{{inc $i}}</td><td class="nw">{{$f.Kind.Chinese}}</td><td class="nw">{{mark $f}}</td><td>{{$f.File}}</td><td>{{$f.Where}}</td><td class="v">{{$f.Got}}</td><td class="v">{{$f.Want}}</td><td>{{$f.Message}}</td></tr>
{{- end}}
</tbody>
</table></div>
{{- end}}
</body>
</html>
`))
