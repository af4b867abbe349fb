package statimport

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/youjun-edu/youjun/internal/data"
)

// The sheets of the table written.
const (
	SchoolSheet = "学校"
	SourceSheet = "来源"
)

// SourceHeader is the header of the 来源 sheet: for every cell the import wrote, one row per
// cell of the statistics (or count of the roster) it was made from.
var SourceHeader = []string{"学校代码", "学校名称", "列", "写入值", "说明", "来源文件", "工作表", "表号/栏目", "行", "单元格", "单元格的值", "运算", "表中原值"}

// Creator marks the files youjun import writes, so that it replaces only its own.
const Creator = "youjun import"

// XLSX writes the table: the 学校 sheet in the columns of the 填报模板, which youjun reads as
// data/schools.xlsx, and the 来源 sheet. Every text is a string cell, never a formula, whatever
// it begins with. The same result gives the same bytes. The sheets are streamed: a county of
// thousands of schools has hundreds of thousands of 来源 cells.
func XLSX(res *Result) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", SchoolSheet)
	f.NewSheet(SourceSheet)
	const stamp = "2017-01-01T00:00:00Z"
	f.SetDocProps(&excelize.DocProperties{Title: "学校数据表（由教育事业统计导入）", Creator: Creator, Created: stamp, Modified: stamp})
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	text, _ := f.NewStyle(&excelize.Style{NumFmt: 49}) // @: codes keep their leading zeros
	sw, err := f.NewStreamWriter(SchoolSheet)
	if err != nil {
		return nil, err
	}
	sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	head := make([]any, len(res.Keys))
	for i, key := range res.Keys {
		head[i] = excelize.Cell{StyleID: bold, Value: header(key)}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return nil, err
	}
	for r, row := range res.Rows {
		cells := make([]any, len(res.Keys))
		for i, key := range res.Keys {
			v := row.Text(key)
			switch {
			case v == "":
				cells[i] = nil
			case isNumberColumn(key):
				if n, err := strconv.ParseFloat(v, 64); err == nil {
					cells[i] = n
					continue
				}
				fallthrough
			default:
				cells[i] = excelize.Cell{StyleID: text, Value: v}
			}
		}
		if err := sw.SetRow(CellName(r+1, 0), cells); err != nil {
			return nil, err
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	if sw, err = f.NewStreamWriter(SourceSheet); err != nil {
		return nil, err
	}
	sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	head = make([]any, len(SourceHeader))
	for i, h := range SourceHeader {
		head[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", head); err != nil {
		return nil, err
	}
	line := 1
	for _, row := range res.Rows {
		for _, key := range res.Keys {
			v := row.Values[key]
			if v == nil {
				continue
			}
			old := ""
			if o, had := row.Old[key]; had && !sameText(o, v.Text) {
				old = o
				if old == "" {
					old = "（空白）"
				}
			}
			for _, s := range v.Sources {
				rowText := s.Rows
				if s.Row > 0 {
					rowText = strconv.Itoa(s.Row)
				}
				texts := []string{row.Code, row.Name, header(key), v.Text, v.Note, s.File, s.Sheet, s.Path, rowText, s.Cell, s.Value, s.Op, old}
				cells := make([]any, len(texts))
				for i, c := range texts {
					if c != "" {
						cells[i] = c
					}
				}
				if err := sw.SetRow(CellName(line, 0), cells); err != nil {
					return nil, err
				}
				line++
			}
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return sortedZip(buf.Bytes())
}

// sortedZip packs the parts of an .xlsx again in the order of their names: excelize writes the
// streamed sheets in map order, and the same table must give the same bytes.
func sortedZip(b []byte) ([]byte, error) {
	r, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	files := slices.Clone(r.File)
	slices.SortFunc(files, func(a, b *zip.File) int { return strings.Compare(a.Name, b.Name) })
	var out bytes.Buffer
	w := zip.NewWriter(&out)
	for _, f := range files {
		fw, err := w.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		if err != nil {
			return nil, err
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		_, err = io.Copy(fw, rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// isNumberColumn reports whether a column holds numbers.
func isNumberColumn(key string) bool {
	if key == IndoorSportsKey {
		return true
	}
	c := data.ColumnByKey(key)
	return c != nil && c.Kind != data.Text && c.Kind != data.Choice
}
