package pack

import (
	"bytes"
	"html/template"
	"strings"

	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/internal/sheet"
)

// The names of the 佐证材料目录 at the package's root.
const (
	CatalogHTML = "佐证材料目录.html"
	CatalogXLSX = "佐证材料目录.xlsx"
)

// Catalog is the 佐证材料目录: every indicator of the profile with its evidence files.
type Catalog struct {
	County  string
	Date    string
	Entries []Entry
	// Evidence holds the files with their digests (the package writer fills them in).
	Evidence *Evidence
}

// catalogRow is one line of the catalog: an indicator with one of its files, or with none.
type catalogRow struct {
	ID, Title, How string
	File           string // relative to the package's site/ folder; "" for none
	Bytes          int64
	SHA256         string
	First          bool // the indicator's first line
	Span           int  // lines of the indicator, on its first line
	// Needed marks an indicator judged on evidence alone: its missing evidence is a gap the
	// page shows in red, where the missing evidence of one judged on data is not.
	Needed bool
}

// none is what the catalog says of an indicator without evidence.
const none = "无"

// How an indicator is judged, in the catalog's 评估方式 column.
const (
	byEvidence = "凭佐证材料评估"
	byData     = "按数据评估"
)

func (c *Catalog) rows() []catalogRow {
	var rows []catalogRow
	add := func(id, title, how string, files []EvidenceFile) {
		needed := how == byEvidence
		if len(files) == 0 {
			rows = append(rows, catalogRow{ID: id, Title: title, How: how, First: true, Span: 1, Needed: needed})
			return
		}
		for i, f := range files {
			rows = append(rows, catalogRow{ID: id, Title: title, How: how, File: SiteFolder + "/" + f.Path, Bytes: f.Bytes,
				SHA256: f.SHA256, First: i == 0, Span: len(files), Needed: needed})
		}
	}
	for _, e := range c.Entries {
		how := byData
		if e.EvidenceOnly {
			how = byEvidence
		}
		add(e.ID, e.Title, how, c.Evidence.ByID[e.ID])
	}
	if len(c.Evidence.Loose) > 0 {
		add("（未归类）", "evidence/ 下不属于任何指标目录的文件", "", c.Evidence.Loose)
	}
	return rows
}

// Title is the catalog's heading.
func (c *Catalog) Title() string { return c.County + "优质均衡申报佐证材料目录" }

// HTML renders the catalog as one offline page: no script, no outside resource, every text
// escaped. The links open the files in the unzipped package.
func (c *Catalog) HTML() ([]byte, error) {
	var b bytes.Buffer
	err := catalogPage.Execute(&b, struct {
		*Catalog
		Rows    []catalogRow
		With    int
		Without []string
	}{c, c.rows(), c.with(), c.without()})
	return b.Bytes(), err
}

func (c *Catalog) with() int {
	n := 0
	for _, e := range c.Entries {
		if len(c.Evidence.ByID[e.ID]) > 0 {
			n++
		}
	}
	return n
}

// without are the indicators judged on evidence alone that have none.
func (c *Catalog) without() []string {
	var ids []string
	for _, e := range c.Entries {
		if e.EvidenceOnly && len(c.Evidence.ByID[e.ID]) == 0 {
			ids = append(ids, e.ID)
		}
	}
	return ids
}

// XLSX renders the catalog as a workbook, through the report's own XLSX writer: text cells are
// shared strings, never formulas, whatever a file is named.
func (c *Catalog) XLSX() ([]byte, error) {
	t := &report.Table{ID: "evidence", Name: "佐证材料目录", Title: c.Title(), Columns: []report.Column{
		{Header: "指标编号"}, {Header: "指标"}, {Header: "评估方式"}, {Header: "佐证材料（材料包内路径）"},
		{Header: "大小（字节）", Numeric: true}, {Header: "SHA-256"},
	}}
	for _, r := range c.rows() {
		file := r.File
		size := report.Cell{Text: ""}
		if file == "" {
			file = none
		} else {
			v := float64(r.Bytes)
			size = report.Cell{Text: report.Count(v), Value: &v} // 1,234: the workbook shows a number as its text does
		}
		t.Rows = append(t.Rows, []report.Cell{{Text: r.ID}, {Text: r.Title}, {Text: r.How}, {Text: file}, size, {Text: r.SHA256}})
	}
	return sheet.XLSX(t, c.Date)
}

var catalogPage = template.Must(template.New("catalog").Funcs(template.FuncMap{
	// A file name's # and ? are part of the name, not a fragment or a query.
	"href": func(p string) string { return strings.NewReplacer("%", "%25", "#", "%23", "?", "%3F").Replace(p) },
}).Parse(`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9em}
th,td{border:1px solid #999;padding:.3em .5em;vertical-align:top;text-align:left}
th{background:#eee;white-space:nowrap}
td.nw{white-space:nowrap}
td.title{min-width:12em}
td.num{text-align:right;white-space:nowrap}
td.sha{font-family:monospace;font-size:.8em;word-break:break-all}
.none{color:#777}
.none.needed{color:#a00;font-weight:bold}
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p>报告日期：{{.Date}}。共 {{len .Entries}} 项指标，{{.With}} 项有佐证材料。
{{- if .Without}} 以下凭佐证材料评估的指标尚无佐证材料：{{range $i, $id := .Without}}{{if $i}}、{{end}}{{$id}}{{end}}。{{end}}</p>
<p>佐证材料在材料包的 site/evidence/&lt;指标编号&gt;/ 目录中；每个文件的 SHA-256 与 manifest.json 所记一致，可用 youjun verify 核对。</p>
<div class="scroll"><table>
<thead><tr><th>指标编号</th><th>指标</th><th>评估方式</th><th>佐证材料</th><th>大小（字节）</th><th>SHA-256</th></tr></thead>
<tbody>
{{- range .Rows}}
<tr>{{if .First}}<td class="nw" rowspan="{{.Span}}">{{.ID}}</td><td class="title" rowspan="{{.Span}}">{{.Title}}</td><td class="nw" rowspan="{{.Span}}">{{.How}}</td>{{end}}
{{- if .File}}<td><a href="{{href .File}}">{{.File}}</a></td><td class="num">{{.Bytes}}</td><td class="sha">{{.SHA256}}</td>
{{- else}}<td class="none{{if .Needed}} needed{{end}}">无</td><td></td><td></td>{{end}}</tr>
{{- end}}
</tbody>
</table></div>
</body>
</html>
`))
