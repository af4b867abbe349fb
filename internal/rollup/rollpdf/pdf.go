// Package rollpdf typesets a rollup as a compact A4 landscape PDF with gopdf and the project's
// fonts (the 黑体 role: an official font of the machine when found, else the built-in 文泉驿微米黑):
// the summary, the cities, every county's verdict, the CV heat table (超限 and 临界 written in
// the cell as well as shaded), the 公示 list, the changes since the previous rollup and the
// counties that could not be evaluated or verified. The county report's typesetter (package pdf)
// lays out one county's report model; a rollup is tables, which this package draws directly.
// It reads only the rollup model.
package rollpdf

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/signintech/gopdf"

	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/pdf/fonts"
	"github.com/youjun-edu/youjun/internal/rollup"
)

// Page geometry, in points: A4 landscape with 15 mm margins.
const (
	pageW, pageH = 841.89, 595.28
	margin       = 42.5
	textW        = pageW - 2*margin
	bottom       = pageH - margin - 18 // leaves room for the page number
	rowH         = 15.0
	cellPad      = 3.0
	tableSize    = 8.5
	bodySize     = 11.0
)

// Output is the typeset PDF.
type Output struct {
	PDF   []byte
	Pages int
	// Missing lists characters the font lacks (drawn as blanks), so that the caller can say so.
	Missing []string
}

type doc struct {
	gp      *gopdf.GoPdf
	family  string
	size    float64
	widths  map[glyph]float64
	y       float64
	pages   int
	missing map[rune]bool
	err     error
}

// Render typesets r with the fonts of set; created is the PDF's creation date.
func Render(r *rollup.Rollup, set fonts.Set, created time.Time) (*Output, error) {
	d := &doc{gp: &gopdf.GoPdf{}, family: "rollup", widths: map[glyph]float64{}, missing: map[rune]bool{}}
	d.gp.Start(gopdf.Config{PageSize: gopdf.Rect{W: pageW, H: pageH}, Unit: gopdf.UnitPT})
	face := set[fonts.Heading]
	if face == nil {
		return nil, fmt.Errorf("没有可用的字体")
	}
	opt := gopdf.TtfOption{OnGlyphNotFound: func(c rune) { d.missing[c] = true }}
	if err := d.gp.AddTTFFontDataWithOption(d.family, face.Data, opt); err != nil {
		return nil, fmt.Errorf("字体 %s：%v", face.Name, err)
	}
	d.newPage()
	d.title(r.Title)
	s := r.Summary
	d.para(fmt.Sprintf("共 %d 个县（市、区），每县均用其自己的数据、按其自己的评估标准重新评估：达到 %d 个，未达到 %d 个，待补充 %d 个，无法评估 %d 个；"+
		"申报条件 P1–P5 均达到 %d 个；有临界差异系数的 %d 个；申报材料与重新评估不一致的 %d 个；未达标学校共 %s 所。"+
		"临界指差异系数与限值之差小于 %s。", s.Counties, s.Met, s.NotMet, s.Pending, s.Failed, s.Eligible, s.Critical, s.Mismatched,
		num.Count(float64(s.FailingSchools)), num.Plain(r.CriticalBand)))
	d.section("一、各省、市情况", "", groupTable(r))
	d.section("二、各县评估结论", "", countyTable(r))
	d.section("三、各县差异系数对照", "“超”为超过限值，“临”为临界；底色由浅到深表示差异系数接近限值的程度。", cvTable(r))
	pub := publishTable(r)
	d.section("四、公示名单", fmt.Sprintf("经逐县重新评估，以下 %d 个县（市、区）达到县域义务教育优质均衡发展督导评估标准，且其申报材料与重新评估的结果一致，拟予公示。", len(pub.rows)), pub)
	if r.Changes != nil {
		d.section("五、与上次汇总相比的变化", "", changeTable(r.Changes))
	}
	if t := troubleTable(r); len(t.rows) > 0 {
		d.section("附：无法评估或材料包与重新评估不一致的县", "", t)
	}
	if d.err != nil {
		return nil, d.err
	}
	d.gp.SetInfo(gopdf.PdfInfo{Title: r.Title, Subject: "县域义务教育优质均衡发展督导评估汇总", Creator: "youjun",
		Producer: "youjun (gopdf)", CreationDate: created})
	var b bytes.Buffer
	if _, err := d.gp.WriteTo(&b); err != nil {
		return nil, err
	}
	out := &Output{PDF: b.Bytes(), Pages: d.pages}
	for c := range d.missing {
		out.Missing = append(out.Missing, string(c))
	}
	sort.Strings(out.Missing)
	return out, nil
}

func (d *doc) font(size float64) {
	if d.size != size {
		d.size = size
		if err := d.gp.SetFont(d.family, "", size); err != nil && d.err == nil {
			d.err = err
		}
	}
}

// width measures s at the current size, rune by rune (CJK has no kerning to lose).
func (d *doc) width(s string) float64 {
	w := 0.0
	for _, c := range s {
		k := glyph{d.size, c}
		cw, ok := d.widths[k]
		if !ok {
			cw, _ = d.gp.MeasureTextWidth(string(c))
			d.widths[k] = cw
		}
		w += cw
	}
	return w
}

// glyph is a character at a size, whose width is measured once.
type glyph struct {
	size float64
	r    rune
}

func (d *doc) newPage() {
	d.gp.AddPage()
	d.pages++
	d.y = margin
	size := d.size
	d.font(10)
	n := "— " + strconv.Itoa(d.pages) + " —"
	d.text((pageW-d.width(n))/2, pageH-margin+4, n)
	if size != 0 {
		d.font(size)
	}
}

// text draws s with its baseline at y.
func (d *doc) text(x, y float64, s string) {
	d.gp.SetXY(x, y-d.size*0.85)
	if err := d.gp.Cell(nil, s); err != nil && d.err == nil {
		d.err = err
	}
}

func (d *doc) title(s string) {
	d.font(18)
	for _, line := range d.wrap(s, textW) {
		d.y += 26
		d.text((pageW-d.width(line))/2, d.y, line)
	}
	d.y += 14
}

// section draws a heading, an optional note and a table. A table that fits on one page is kept
// on one page with its heading, so that a short list (the 公示名单) is never split with a few
// lines left at the foot of a page; a longer one starts where at least its header and three
// rows fit.
func (d *doc) section(title, note string, t table) {
	need := 22.0 + 8 + d.tableHeight(t, 3)
	if note != "" {
		d.font(bodySize)
		need += 17*float64(len(d.wrap(note, textW))) + 6
	}
	whole := need - d.tableHeight(t, 3) + d.tableHeight(t, len(t.rows))
	if whole <= bottom-margin && d.y+whole > bottom {
		d.newPage()
	}
	d.heading(title, need)
	if note != "" {
		d.para(note)
	}
	d.table(t)
}

// tableHeight is the height of t's header and its first n rows.
func (d *doc) tableHeight(t table, n int) float64 {
	d.font(tableSize)
	ws := t.columnWidths()
	h := 0.0
	if len(t.rows) == 0 {
		return 17 + 6
	}
	head := make([]cell, len(t.head))
	for i, s := range t.head {
		head[i] = cell{text: s}
	}
	h += d.rowHeight(head, ws)
	for _, r := range t.rows[:min(n, len(t.rows))] {
		h += d.rowHeight(r, ws)
	}
	return h + 6
}

// heading draws s, on a new page unless need points fit below it.
func (d *doc) heading(s string, need float64) {
	d.font(13)
	if d.y+need > bottom {
		d.newPage()
	}
	d.gp.AddOutline(s)
	d.y += 22
	d.text(margin, d.y, s)
	d.y += 8
}

func (d *doc) para(s string) {
	d.font(bodySize)
	for _, line := range d.wrap(s, textW) {
		if d.y+17 > bottom {
			d.newPage()
		}
		d.y += 17
		d.text(margin, d.y, line)
	}
	d.y += 6
}

// wrap breaks s into lines no wider than w, between any two characters but never before
// closing punctuation.
func (d *doc) wrap(s string, w float64) []string {
	var lines []string
	var cur []rune
	cw := 0.0
	for _, c := range s {
		rw := d.width(string(c))
		if cw+rw > w && len(cur) > 0 && !strings.ContainsRune("，。、；：？！）》」』】”’", c) {
			lines = append(lines, string(cur))
			cur, cw = nil, 0
		}
		cur = append(cur, c)
		cw += rw
	}
	if len(cur) > 0 {
		lines = append(lines, string(cur))
	}
	return lines
}

// table is a table to draw: relative column widths, numeric columns right-aligned.
type table struct {
	head    []string
	widths  []float64 // relative
	numeric []bool
	rows    [][]cell
}

type cell struct {
	text string
	fill string // a heat class, or ""
}

// fills are the heat colours, as the HTML's. They darken from low to fail in grey too (the
// luminance falls 245, 240, 222, 204, 169): an office's black-and-white printer keeps their
// order, where the former green 低 printed darker than the yellow 中.
var fills = map[string][3]uint8{"fail": {236, 140, 140}, "critical": {255, 200, 90}, "high": {250, 214, 190}, "mid": {255, 240, 200}, "low": {242, 248, 238}, "head": {235, 235, 235}}

// table draws t, wrapping long cells, repeating the header on every page.
func (d *doc) table(t table) {
	d.font(tableSize)
	ws := t.columnWidths()
	head := make([]cell, len(t.head))
	for i, h := range t.head {
		head[i] = cell{text: h, fill: "head"}
	}
	if len(t.rows) == 0 {
		d.para("无。")
		d.font(tableSize)
		return
	}
	d.row(head, ws, nil, true)
	for _, r := range t.rows {
		if d.y+d.rowHeight(r, ws) > bottom {
			d.newPage()
			d.font(tableSize)
			d.row(head, ws, nil, true)
		}
		d.row(r, ws, t.numeric, false)
	}
	d.y += 6
}

// columnWidths are t's columns' widths in points, spread over the text width.
func (t table) columnWidths() []float64 {
	total := 0.0
	for _, w := range t.widths {
		total += w
	}
	ws := make([]float64, len(t.widths))
	for i, w := range t.widths {
		ws[i] = w / total * textW
	}
	return ws
}

func (d *doc) rowHeight(r []cell, ws []float64) float64 {
	lines := 1
	for i, c := range r {
		lines = max(lines, len(d.wrap(c.text, ws[i]-2*cellPad)))
	}
	return rowH + float64(lines-1)*(tableSize+3)
}

func (d *doc) row(r []cell, ws []float64, numeric []bool, isHead bool) {
	h := d.rowHeight(r, ws)
	x := margin
	d.gp.SetLineWidth(0.4)
	d.gp.SetStrokeColor(150, 150, 150)
	for i, c := range r {
		if rgb, ok := fills[c.fill]; ok {
			d.gp.SetFillColor(rgb[0], rgb[1], rgb[2])
			d.gp.RectFromUpperLeftWithStyle(x, d.y, ws[i], h, "FD")
		} else {
			d.gp.RectFromUpperLeftWithStyle(x, d.y, ws[i], h, "D")
		}
		d.gp.SetFillColor(0, 0, 0) // gopdf fills text with the fill colour
		for k, line := range d.wrap(c.text, ws[i]-2*cellPad) {
			tx := x + cellPad
			if !isHead && i < len(numeric) && numeric[i] {
				tx = x + ws[i] - cellPad - d.width(line)
			}
			d.text(tx, d.y+tableSize+3+float64(k)*(tableSize+3), line)
		}
		x += ws[i]
	}
	d.y += h
}

func texts(ss ...string) []cell {
	out := make([]cell, len(ss))
	for i, s := range ss {
		out[i] = cell{text: s}
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

func groupTable(r *rollup.Rollup) table {
	t := table{head: []string{"省", "市", "县数", "达到", "未达到", "待补充", "无法评估", "申报条件均达到", "有临界", "材料包不一致", "未达标学校"},
		widths: []float64{3, 4, 1.5, 1.5, 1.5, 1.5, 1.5, 2, 1.5, 2, 2}, numeric: []bool{false, false, true, true, true, true, true, true, true, true, true}}
	for _, g := range r.Groups {
		city := g.City
		if g.Kind == "province" {
			city = "（全省）"
		}
		t.rows = append(t.rows, texts(g.Province, city, itoa(g.Counties), itoa(g.Met), itoa(g.NotMet), itoa(g.Pending), itoa(g.Failed),
			itoa(g.Eligible), itoa(g.Critical), itoa(g.Mismatched), num.Count(float64(g.FailingSchools))))
	}
	return t
}

func countyTable(r *rollup.Rollup) table {
	t := table{head: []string{"序号", "县（市、区）", "代码", "市", "评估结论", "申报条件", "未达标学校", "临界", "排名", "最高差异系数/限值", "材料包核对"},
		widths: []float64{1.2, 3, 1.8, 3.5, 1.8, 1.8, 1.6, 1.2, 1.2, 2.2, 1.8}, numeric: []bool{true, false, false, false, false, false, true, true, true, true, false}}
	for i, c := range r.Counties {
		rank, ratio := "", "—"
		if c.Rank > 0 {
			rank = itoa(c.Rank)
		}
		if c.MaxCVRatio != nil {
			ratio = num.Fixed(*c.MaxCVRatio, 3)
		}
		t.rows = append(t.rows, texts(itoa(i+1), c.Name, c.Code, c.City, c.Verdict, c.Eligibility, itoa(c.FailingSchools), itoa(c.Critical), rank, ratio, c.Verification.Status))
	}
	return t
}

func cvTable(r *rollup.Rollup) table {
	cols := rollup.CVColumns(r)
	t := table{head: []string{"县（市、区）"}, widths: []float64{3}, numeric: []bool{false}}
	for _, c := range cols {
		t.head = append(t.head, c.LevelName+c.ID)
		t.widths = append(t.widths, 1.1)
		t.numeric = append(t.numeric, true)
	}
	for i := range r.Counties {
		c := &r.Counties[i]
		row := []cell{{text: c.Name}}
		for _, col := range cols {
			v, limit, ok, fail, critical := rollup.CV(c, col)
			switch {
			case !ok:
				row = append(row, cell{text: "—"})
			case col.Composite:
				row = append(row, cell{text: num.Fixed(v, 3)})
			default:
				text := num.Fixed(v, 3)
				if fail {
					text = "超" + text
				} else if critical {
					text = "临" + text
				}
				row = append(row, cell{text: text, fill: rollup.Heat(v, limit, fail, critical)})
			}
		}
		t.rows = append(t.rows, row)
	}
	return t
}

func publishTable(r *rollup.Rollup) table {
	t := table{head: []string{"序号", "省（区、市）", "市（地、州、盟）", "县（市、区）", "行政区划代码"}, widths: []float64{1, 3, 3, 3, 2},
		numeric: []bool{true}}
	for i, c := range r.Published() {
		t.rows = append(t.rows, texts(itoa(i+1), c.Province, c.City, c.Name, c.Code))
	}
	return t
}

func changeTable(ch *rollup.Changes) table {
	t := table{head: []string{"县（市、区）", "代码", "变化", "指标", "上次", "本次", "限值"}, widths: []float64{3, 2, 2, 4, 1.5, 1.5, 1.5},
		numeric: []bool{false, false, false, false, true, true, true}}
	for _, m := range ch.Moved {
		t.rows = append(t.rows, texts(m.Name, m.Code, "结论变化", "", m.From, m.To, ""))
	}
	for _, x := range ch.Rose {
		level := map[string]string{"primary": "小学", "junior": "初中"}[x.Level]
		t.rows = append(t.rows, texts(x.Name, x.Code, "差异系数上升", level+" "+x.Indicator+" "+x.IndicatorName, num.Fixed(x.From, 3), num.Fixed(x.To, 3), num.Fixed(x.Limit, 2)))
	}
	for _, a := range ch.Added {
		t.rows = append(t.rows, texts(a.Name, a.Code, "新增", "", "", "", ""))
	}
	for _, a := range ch.Removed {
		t.rows = append(t.rows, texts(a.Name, a.Code, "本次未列入", "", "", "", ""))
	}
	return t
}

// troubleTable lists the counties that could not be evaluated, with the reason, and those
// whose package differs from the re-evaluation, with the first findings.
func troubleTable(r *rollup.Rollup) table {
	t := table{head: []string{"县（市、区）", "输入", "情况"}, widths: []float64{2.5, 4, 12}}
	for _, c := range r.Counties {
		switch {
		case c.Error != "":
			t.rows = append(t.rows, texts(c.Name, c.Input, "无法评估："+c.Error))
		case c.Verification.Status == rollup.Mismatch:
			var ms []string
			for i, f := range c.Verification.Findings {
				if i == 5 {
					ms = append(ms, fmt.Sprintf("等共 %d 处", len(c.Verification.Findings)))
					break
				}
				ms = append(ms, f.Message)
			}
			t.rows = append(t.rows, texts(c.Name, c.Input, "材料包与重新评估不一致："+strings.Join(ms, "；")))
		}
	}
	return t
}
