package statimport

import (
	"strconv"

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
// it begins with. The same result gives the same bytes.
func XLSX(res *Result) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", SchoolSheet)
	f.NewSheet(SourceSheet)
	const stamp = "2017-01-01T00:00:00Z"
	f.SetDocProps(&excelize.DocProperties{Title: "学校数据表（由教育事业统计导入）", Creator: Creator, Created: stamp, Modified: stamp})
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	text, _ := f.NewStyle(&excelize.Style{NumFmt: 49})
	for i, key := range res.Keys {
		cell := CellName(0, i)
		f.SetCellStr(SchoolSheet, cell, header(key))
		f.SetCellStyle(SchoolSheet, cell, cell, bold)
	}
	for r, row := range res.Rows {
		for i, key := range res.Keys {
			v := row.Text(key)
			if v == "" {
				continue
			}
			cell := CellName(r+1, i)
			if isNumberColumn(key) {
				if n, err := strconv.ParseFloat(v, 64); err == nil {
					f.SetCellFloat(SchoolSheet, cell, n, -1, 64)
					continue
				}
			}
			f.SetCellStr(SchoolSheet, cell, v)
			f.SetCellStyle(SchoolSheet, cell, cell, text)
		}
	}
	f.SetPanes(SchoolSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	for i, h := range SourceHeader {
		cell := CellName(0, i)
		f.SetCellStr(SourceSheet, cell, h)
		f.SetCellStyle(SourceSheet, cell, cell, bold)
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
				rowText := ""
				if s.Row > 0 {
					rowText = strconv.Itoa(s.Row)
				} else {
					rowText = s.Rows
				}
				for i, c := range []string{row.Code, row.Name, header(key), v.Text, v.Note, s.File, s.Sheet, s.Path, rowText, s.Cell, s.Value, s.Op, old} {
					if c != "" {
						f.SetCellStr(SourceSheet, CellName(line, i), c)
					}
				}
				line++
			}
		}
	}
	f.SetPanes(SourceSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// isNumberColumn reports whether a column holds numbers.
func isNumberColumn(key string) bool {
	if key == IndoorSportsKey {
		return true
	}
	c := data.ColumnByKey(key)
	return c != nil && c.Kind != data.Text && c.Kind != data.Choice
}
