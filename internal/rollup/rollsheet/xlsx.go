// Package rollsheet writes a rollup as one Excel workbook: 总览 (every county's verdict,
// readiness and counts), 差异系数 (the CVs side by side, coloured by their distance to the
// limit, 临界 and failing ones marked in words too), 公示名单, 问题清单 and, with a previous
// rollup, 变化. It reads only the rollup model.
package rollsheet

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/youjun-edu/youjun/internal/rollup"
	"github.com/youjun-edu/youjun/internal/sheet"
)

// fills are the heat colours, as the HTML's: they darken from low to fail in grey too, so that
// a black-and-white print keeps their order.
var fills = map[string]string{"fail": "EC8C8C", "critical": "FFC85A", "high": "FAD6BE", "mid": "FFF0C8", "low": "F2F8EE"}

type book struct {
	f      *excelize.File
	bold   int
	number int
	wrap   int // long text: wrapped in its column, not cut at the next cell
	heat   map[string]int
}

// XLSX writes the workbook; date (YYYY-MM-DD) is its documents' date, so that the same rollup
// gives the same bytes.
func XLSX(r *rollup.Rollup, date string) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	when := time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC)
	if t, err := time.Parse(time.DateOnly, date); err == nil {
		when = t
	}
	stamp := when.Format(time.RFC3339)
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return sheet.NewFixedZip(w, when) })
	if err := f.SetDocProps(&excelize.DocProperties{Title: r.Title, Creator: "youjun", Created: stamp, Modified: stamp, Language: "zh-CN"}); err != nil {
		return nil, err
	}
	b := &book{f: f, heat: map[string]int{}}
	var err error
	// The header is bold, shaded, wrapped and centred, as the county appendix's.
	if b.bold, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EBEBEB"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}}); err != nil {
		return nil, err
	}
	if b.wrap, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}); err != nil {
		return nil, err
	}
	format := "0.000"
	if b.number, err = f.NewStyle(&excelize.Style{CustomNumFmt: &format}); err != nil {
		return nil, err
	}
	for _, k := range []string{"fail", "critical", "high", "mid", "low"} {
		if b.heat[k], err = f.NewStyle(&excelize.Style{CustomNumFmt: &format,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fills[k]}}}); err != nil {
			return nil, err
		}
	}
	if err := f.SetSheetName("Sheet1", "总览"); err != nil {
		return nil, err
	}
	sheets := []struct {
		name  string
		write func(*excelize.StreamWriter, *rollup.Rollup) error
	}{{"总览", b.overview}, {"差异系数", b.cvs}, {"公示名单", b.published}, {"问题清单", b.problems}}
	if r.Changes != nil {
		sheets = append(sheets, struct {
			name  string
			write func(*excelize.StreamWriter, *rollup.Rollup) error
		}{"变化", b.changes})
	}
	for i, s := range sheets {
		if i > 0 {
			if _, err := f.NewSheet(s.name); err != nil {
				return nil, err
			}
		}
		// Before the stream: the stream writer writes the sheet's page setup as it finds it
		// when it starts, and what is set after its Flush is lost.
		if err := printSetup(f, s.name); err != nil {
			return nil, err
		}
		sw, err := f.NewStreamWriter(s.name)
		if err != nil {
			return nil, err
		}
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return nil, err
		}
		if err := s.write(sw, r); err != nil {
			return nil, err
		}
		if err := sw.Flush(); err != nil {
			return nil, err
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// printSetup prints a sheet on A4 landscape, as wide as one page, with its header row on every
// page: a 督导 office prints these lists.
func printSetup(f *excelize.File, sheet string) error {
	a4, landscape, one, tall := 9, "landscape", 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape, FitToWidth: &one, FitToHeight: &tall}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + sheet + "'!$1:$1", Scope: sheet})
}

// widths sets the widths of the columns from the first, in characters (a Chinese character
// is two).
func widths(sw *excelize.StreamWriter, ws ...float64) error {
	for i, w := range ws {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	return nil
}

func (b *book) header(sw *excelize.StreamWriter, cols ...string) error {
	row := make([]any, len(cols))
	for i, c := range cols {
		row[i] = excelize.Cell{StyleID: b.bold, Value: c}
	}
	return sw.SetRow("A1", row)
}

func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

func (b *book) overview(sw *excelize.StreamWriter, r *rollup.Rollup) error {
	if err := widths(sw, 6, 10, 14, 14, 13, 12, 10, 10, 6, 6, 6, 6, 6, 10, 10, 10, 8, 12, 12, 40); err != nil {
		return err
	}
	if err := b.header(sw, "序号", "省", "市", "县（市、区）", "行政区划代码", "评估标准", "评估结论", "申报条件",
		"P1", "P2", "P3", "P4", "P5", "参评校数", "未达标学校数", "临界差异系数数", "排名", "最高差异系数与限值之比", "材料包核对", "说明"); err != nil {
		return err
	}
	for i, c := range r.Counties {
		p := map[string]string{}
		for _, it := range c.Readiness {
			p[it.ID] = it.Status
		}
		note := c.Error
		if note == "" && c.Verification.Status == rollup.Mismatch {
			note = fmt.Sprintf("材料包与重新评估不一致，共 %d 处", len(c.Verification.Findings))
		}
		row := []any{i + 1, c.Province, c.City, c.Name, c.Code, c.ProfileName, c.Verdict, c.Eligibility,
			p["P1"], p["P2"], p["P3"], p["P4"], p["P5"], c.Units, c.FailingSchools, c.Critical, optInt(c.Rank), optNum(c.MaxCVRatio, b.number),
			c.Verification.Status, excelize.Cell{StyleID: b.wrap, Value: note}}
		if err := sw.SetRow(cell(1, i+2), row); err != nil {
			return err
		}
	}
	return nil
}

func optInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

func optNum(v *float64, style int) any {
	if v == nil {
		return nil
	}
	return excelize.Cell{StyleID: style, Value: *v}
}

func (b *book) cvs(sw *excelize.StreamWriter, r *rollup.Rollup) error {
	cols := rollup.CVColumns(r)
	head := []string{"县（市、区）", "行政区划代码", "市"}
	for _, c := range cols {
		head = append(head, c.LevelName+" "+c.ID)
	}
	head = append(head, "临界或超限")
	ws := []float64{14, 13, 14}
	for range cols {
		ws = append(ws, 8)
	}
	if err := widths(sw, append(ws, 30)...); err != nil {
		return err
	}
	if err := b.header(sw, head...); err != nil {
		return err
	}
	for i := range r.Counties {
		c := &r.Counties[i]
		row := []any{c.Name, c.Code, c.City}
		var marks string
		for _, col := range cols {
			v, limit, ok, fail, critical := rollup.CV(c, col)
			if !ok {
				row = append(row, nil)
				continue
			}
			style := b.number
			if !col.Composite {
				style = b.heat[rollup.Heat(v, limit, fail, critical)]
				if fail {
					marks += col.LevelName + col.ID + "超限 "
				} else if critical {
					marks += col.LevelName + col.ID + "临界 "
				}
			}
			row = append(row, excelize.Cell{StyleID: style, Value: v})
		}
		row = append(row, marks)
		if err := sw.SetRow(cell(1, i+2), row); err != nil {
			return err
		}
	}
	return nil
}

func (b *book) published(sw *excelize.StreamWriter, r *rollup.Rollup) error {
	if err := widths(sw, 6, 16, 16, 16, 14, 10); err != nil {
		return err
	}
	if err := b.header(sw, "序号", "省", "市", "县（市、区）", "行政区划代码", "评估结论"); err != nil {
		return err
	}
	for i, c := range r.Published() {
		if err := sw.SetRow(cell(1, i+2), []any{i + 1, c.Province, c.City, c.Name, c.Code, c.Verdict}); err != nil {
			return err
		}
	}
	return nil
}

// levelNames are the school levels as the sheets name them.
var levelNames = map[string]string{"primary": "小学", "junior": "初中"}

// indicator is the 指标 column of a problem: a school's line covers all the resource
// indicators (R1–R7), which its ID "R" would not say.
func indicator(p rollup.Problem) string {
	if p.Kind == "unit" && p.ID == "R" {
		return "R1–R7"
	}
	return p.ID
}

// kindNames are the 问题清单's categories.
var kindNames = map[string]string{"cv": "差异系数", "value": "全县值", "unit": "学校", "item": "评估项目", "b": "计分项目", "shortfall": "差额"}

func (b *book) problems(sw *excelize.StreamWriter, r *rollup.Rollup) error {
	if err := widths(sw, 14, 13, 10, 6, 10, 13, 90); err != nil {
		return err
	}
	if err := b.header(sw, "县（市、区）", "行政区划代码", "类别", "学段", "指标", "学校代码", "问题"); err != nil {
		return err
	}
	row := 2
	for _, c := range r.Counties {
		lines := c.Problems
		if c.Error != "" {
			lines = []rollup.Problem{{Kind: "county", Message: c.Error}}
		}
		for _, f := range c.Verification.Findings {
			lines = append(lines, rollup.Problem{Kind: "package", ID: f.Path, Message: f.Message})
		}
		for _, p := range lines {
			kind := kindNames[p.Kind]
			if kind == "" {
				kind = map[string]string{"county": "无法评估", "package": "材料包核对"}[p.Kind]
			}
			if err := sw.SetRow(cell(1, row), []any{c.Name, c.Code, kind, levelNames[p.Level], indicator(p), p.School,
				excelize.Cell{StyleID: b.wrap, Value: p.Message}}); err != nil {
				return err
			}
			row++
		}
	}
	return nil
}

func (b *book) changes(sw *excelize.StreamWriter, r *rollup.Rollup) error {
	if err := widths(sw, 14, 13, 12, 12, 10, 10, 8); err != nil {
		return err
	}
	if err := b.header(sw, "县（市、区）", "行政区划代码", "变化", "指标", "上次", "本次", "限值"); err != nil {
		return err
	}
	ch := r.Changes
	row := 2
	put := func(v ...any) error {
		err := sw.SetRow(cell(1, row), v)
		row++
		return err
	}
	for _, m := range ch.Moved {
		if err := put(m.Name, m.Code, "结论变化", "", m.From, m.To, nil); err != nil {
			return err
		}
	}
	for _, x := range ch.Rose {
		if err := put(x.Name, x.Code, "差异系数上升", levelNames[x.Level]+" "+x.Indicator,
			excelize.Cell{StyleID: b.number, Value: x.From}, excelize.Cell{StyleID: b.number, Value: x.To}, x.Limit); err != nil {
			return err
		}
	}
	for _, a := range ch.Added {
		if err := put(a.Name, a.Code, "新增", "", nil, nil, nil); err != nil {
			return err
		}
	}
	for _, a := range ch.Removed {
		if err := put(a.Name, a.Code, "本次未列入", "", nil, nil, nil); err != nil {
			return err
		}
	}
	return nil
}
