package verify

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/safefile"
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
		return "核查通过：材料包中的文件与清单一致，评估结果、附表、报告（PDF、Word 文档）和正文中的数字与按包内数据复算的结果一致" + note + "。"
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

// columns are the 核查清单's columns with their widths in characters (a Chinese character is
// two): wide enough for a SHA-256 in two lines and a message in a few.
var columns = []struct {
	header string
	width  float64
	wrap   bool
}{
	{"序号", 6, false}, {"类别", 14, false}, {"结论", 8, false}, {"文件", 30, true}, {"位置", 24, true},
	{"包内的值", 34, true}, {"应为（复算或清单）", 34, true}, {"说明", 50, true},
}

// XLSX is the 核查清单 as a workbook: one sheet named 核查清单, the title, the header row frozen
// and printed on every page, A4 landscape one page wide, long text wrapped in its column. Its
// text cells are shared strings, never formulas: a value taken from a tampered package
// (=HYPERLINK(…)) stays text. The document's dates are the package's date and its parts are
// in a fixed order, so that the same report gives the same bytes.
func (r *Report) XLSX() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	when := time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC)
	if t, err := time.Parse(time.DateOnly, r.Manifest.Date); err == nil {
		when = t
	}
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return sheet.NewFixedZip(w, when) })
	stamp := when.Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{Title: r.title(), Creator: "youjun", Created: stamp, Modified: stamp, Language: "zh-CN"}); err != nil {
		return nil, err
	}
	// The application names the file as youjun's until Excel or WPS saves it: WriteFiles
	// replaces only such a file (ours).
	if err := f.SetAppProps(&excelize.AppProperties{Application: generator}); err != nil {
		return nil, err
	}
	const sheet = "核查清单"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	w := &workbook{f: f, sheet: sheet}
	bold := w.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	head := w.style(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EBEBEB"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	top := w.style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}})
	wrap := w.style(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	w.set("A1", r.title(), bold)
	w.set("A2", r.heading(), 0)
	w.set("A3", r.Summary(), 0)
	const headRow = 5
	for i, c := range columns {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if w.err == nil {
			w.err = f.SetColWidth(sheet, col, col, c.width)
		}
		w.set(cellName(i+1, headRow), c.header, head)
	}
	fs := append([]Finding(nil), r.Findings...)
	sortFindings(fs)
	for i, fd := range fs {
		row := headRow + 1 + i
		mark := "不一致"
		if fd.Warning {
			mark = "提示"
		}
		if w.err == nil {
			w.err = f.SetCellInt(sheet, cellName(1, row), int64(i+1))
		}
		lines := 1
		for k, v := range []string{fd.Kind.Chinese(), mark, fd.File, fd.Where, fd.Got, fd.Want, fd.Message} {
			style := top
			if columns[k+1].wrap {
				style = wrap
				lines = max(lines, wrappedLines(v, columns[k+1].width))
			}
			w.set(cellName(k+2, row), v, style)
		}
		// The height is set, not left to the program: LibreOffice does not grow a row for its
		// wrapped text when it opens the file, and the lines overlapped the next row.
		if w.err == nil && lines > 1 {
			w.err = f.SetRowHeight(sheet, row, 15*float64(lines))
		}
		if w.err == nil {
			w.err = f.SetCellStyle(sheet, cellName(1, row), cellName(1, row), top)
		}
	}
	a4, landscape, one, tall, fit := 9, "landscape", 1, 0, true
	if w.err == nil {
		w.err = f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: headRow, TopLeftCell: cellName(1, headRow+1), ActivePane: "bottomLeft"})
	}
	if w.err == nil {
		w.err = f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &tall})
	}
	if w.err == nil {
		w.err = f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit})
	}
	if w.err == nil {
		w.err = f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, headRow, headRow), Scope: sheet})
	}
	if w.err != nil {
		return nil, w.err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// workbook writes cells into one sheet and keeps the first error.
type workbook struct {
	f     *excelize.File
	sheet string
	err   error
}

func (w *workbook) style(s *excelize.Style) int {
	if w.err != nil {
		return 0
	}
	id, err := w.f.NewStyle(s)
	w.err = err
	return id
}

// set writes s as a text cell (a shared string, never a formula) with a style; an empty text
// is no cell, as in the county's workbooks.
func (w *workbook) set(cell, s string, style int) {
	if w.err != nil || s == "" {
		return
	}
	if w.err = w.f.SetCellStr(w.sheet, cell, s); w.err == nil && style != 0 {
		w.err = w.f.SetCellStyle(w.sheet, cell, cell, style)
	}
}

// wrappedLines estimates how many lines s takes in a wrapped column w characters wide: a wide
// (Chinese) character counts two, and a line holds a little less than the width.
func wrappedLines(s string, w float64) int {
	n := 0
	for _, line := range strings.Split(s, "\n") {
		units := 0
		for _, c := range line {
			switch width.LookupRune(c).Kind() {
			case width.EastAsianWide, width.EastAsianFullwidth:
				units += 2
			default:
				units++
			}
		}
		n += max(1, int(math.Ceil(float64(units)/(w-2))))
	}
	return n
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

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
	files := map[string][]byte{ReportHTML: h, ReportXLSX: x}
	// A 核查清单 of an earlier run is replaced; a file of that name that youjun did not write, or
	// that the reviewer has since edited and saved, is never: both are checked before either is written.
	for _, name := range []string{ReportHTML, ReportXLSX} {
		p := filepath.Join(dir, name)
		if _, err := os.Lstat(p); err == nil && !ours(p) {
			return fmt.Errorf("%s：已有这个文件，它不是 youjun 生成的核查清单（或已被编辑保存过），youjun 不会覆盖它。请移走该文件，或用 --report 另选一个目录", p)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("%s：%s", dir, diag.SysError(err))
	}
	for _, name := range []string{ReportHTML, ReportXLSX} {
		if err := safefile.Write(filepath.Join(dir, name), files[name]); err != nil {
			return fmt.Errorf("%s：%s", filepath.Join(dir, name), diag.SysError(err))
		}
	}
	return nil
}

// generator names youjun's 核查清单 inside the files (the HTML's generator, the workbook's
// application).
const generator = "youjun verify"

// ours reports whether the regular file at p is a 核查清单 youjun wrote and nobody saved since.
func ours(p string) bool {
	st, err := os.Lstat(p)
	if err != nil || !st.Mode().IsRegular() || st.Size() > 64<<20 {
		return false
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return false
	}
	if strings.HasSuffix(p, ".html") {
		return bytes.Contains(b, []byte(`<meta name="generator" content="`+generator+`">`))
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return false
	}
	for _, f := range zr.File {
		if f.Name == "docProps/app.xml" {
			rc, err := f.Open()
			if err != nil {
				return false
			}
			app, _ := io.ReadAll(io.LimitReader(rc, 1<<20))
			rc.Close()
			return bytes.Contains(app, []byte("<Application>"+generator+"</Application>"))
		}
	}
	return false
}

// inside reports whether p is dir or inside it, links followed.
func inside(p, dir string) bool {
	rp, err1 := safefile.RealPath(p)
	rd, err2 := safefile.RealPath(dir)
	return err1 == nil && err2 == nil && safefile.Within(rp, rd)
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
<meta name="generator" content="youjun verify">
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
