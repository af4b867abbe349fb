package scaffold

import (
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/youjun-edu/youjun/internal/data"
)

// sources says where each column's figure usually comes from.
var sources = map[string]string{
	"code":                       "全国教育事业统计：学校（机构）标识码；多校区学校每个校区一行，可加后缀区分，如 3612340090-2",
	"name":                       "学校（校区）全称",
	"type":                       "教育事业统计中的办学类型",
	"ownership":                  "教育事业统计中的举办者类型（公办 / 民办）",
	"area":                       "教育事业统计中的城乡分类（城区、镇区、乡村）",
	"boarding":                   "学校是否为寄宿制学校",
	"built_year":                 "学校（校区）规划并建成的年份；改扩建学校填原建成年份",
	"primary_students":           "教育事业统计：小学在校生数（分年级合计）",
	"junior_students":            "教育事业统计：初中在校生数",
	"senior_students":            "教育事业统计：普通高中在校生数（完全中学、十二年一贯制学校填写）",
	"migrant_students":           "教育事业统计：进城务工人员随迁子女在校生数",
	"primary_classes":            "教育事业统计：小学班数",
	"junior_classes":             "教育事业统计：初中班数",
	"primary_max_class":          "学校小学各班中人数最多一班的学生数",
	"junior_max_class":           "学校初中各班中人数最多一班的学生数",
	"primary_qualified_teachers": "教育事业统计：小学专任教师中专科及以上学历人数（教师按人事档案所在校区、按任教学段计）",
	"junior_qualified_teachers":  "教育事业统计：初中专任教师中本科及以上学历人数",
	"primary_backbone_teachers":  "县级及以上教育行政部门认定的骨干教师、学科带头人、名师等（在小学任教）",
	"junior_backbone_teachers":   "县级及以上教育行政部门认定的骨干教师（在初中任教）",
	"primary_pe_art_teachers":    "教育事业统计：小学体育、音乐、美术专任教师数",
	"junior_pe_art_teachers":     "教育事业统计：初中体育、音乐、美术专任教师数",
	"shared_pe_art_teachers":     "在校生50–99人的乡村学校和教学点：交流轮岗、兼职、走教的体育艺术教师；其他学校不填",
	"teachers":                   "教育事业统计：专任教师总数",
	"certified_teachers":         "专任教师中持有教师资格证的人数",
	"teaching_area":              "教育事业统计：校舍中教学及辅助用房面积",
	"sports_area":                "教育事业统计：体育运动场（馆）面积",
	"extra_sports_area":          "城区学校经改造的楼顶、地下等专用运动场地，或租用的周边体育场馆（须有合同）；其他学校不填",
	"indoor_sports_area":         "教育事业统计：校舍中室内体育用房面积（事业统计的教学及辅助用房含室内体育用房）",
	"equipment_value":            "教育事业统计：教学、实验仪器设备资产值（万元）",
	"multimedia_rooms":           "教育事业统计：网络多媒体教室数",
	"music_rooms":                "学校校舍台账：音乐专用教室间数",
	"music_room_min_area":        "面积最小的一间音乐专用教室的使用面积",
	"art_rooms":                  "学校校舍台账：美术专用教室间数",
	"art_room_min_area":          "面积最小的一间美术专用教室的使用面积",
	"funded_students":            "财政部门核定公用经费时使用的学生数（不足100人的村小学和教学点应为100）",
	"public_fund_per_student":    "特殊教育学校生均公用经费；其他学校可不填",
	"public_fund_budget":         "学校年度公用经费预算总额（部门预算）",
	"training_fund":              "学校年度预算中的教师培训经费",
	"public_fund_final":          "学校年度公用经费决算总额（可不填；填写后与预算一并列示）",
	"training_fund_final":        "学校年度决算中的教师培训经费（可不填）",
}

// examples are the two example rows: their 学校代码 starts with 示例, so youjun skips them.
var examples = []map[string]string{
	{"code": "示例-1", "name": "示例县第一小学（示例行，请删除）", "type": "小学", "ownership": "公办", "area": "城区", "boarding": "否",
		"built_year": "2008", "primary_students": "1200", "migrant_students": "210", "primary_classes": "27", "primary_max_class": "45",
		"primary_qualified_teachers": "68", "primary_backbone_teachers": "15", "primary_pe_art_teachers": "14", "teachers": "70",
		"certified_teachers": "70", "teaching_area": "6500", "sports_area": "9800", "equipment_value": "310.5", "multimedia_rooms": "30",
		"music_rooms": "3", "music_room_min_area": "86", "art_rooms": "3", "art_room_min_area": "80", "funded_students": "1200",
		"public_fund_budget": "86.4", "training_fund": "5.2"},
	{"code": "示例-2", "name": "示例乡中心学校（示例行，请删除）", "type": "九年一贯制学校", "ownership": "公办", "area": "乡村", "boarding": "是",
		"built_year": "2012", "primary_students": "166", "junior_students": "210", "migrant_students": "4", "primary_classes": "6",
		"junior_classes": "6", "primary_max_class": "30", "junior_max_class": "38", "primary_qualified_teachers": "12",
		"junior_qualified_teachers": "18", "primary_backbone_teachers": "2", "junior_backbone_teachers": "3", "primary_pe_art_teachers": "2",
		"junior_pe_art_teachers": "3", "teachers": "38", "certified_teachers": "38", "teaching_area": "3100", "sports_area": "6200",
		"equipment_value": "118.6", "multimedia_rooms": "14", "music_rooms": "1", "music_room_min_area": "75", "art_rooms": "1",
		"art_room_min_area": "70", "funded_students": "376", "public_fund_budget": "32.4", "training_fund": "1.9"},
}

// templateColumns are the columns of the 填报模板: all but the alternative 元 column.
func templateColumns() []data.Column {
	var cols []data.Column
	for _, c := range data.Columns {
		if c.Key != "equipment_value_yuan" {
			cols = append(cols, c)
		}
	}
	return cols
}

// SchoolsXLSX returns the 填报模板 data/schools.xlsx: the 学校 sheet with the headers, number
// formats, drop-down lists and a frozen header row, two example rows, and a 填表说明 sheet.
func SchoolsXLSX() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet, help = "学校", "填表说明"
	f.SetSheetName("Sheet1", sheet)
	f.NewSheet(help)
	f.SetDocProps(&excelize.DocProperties{Title: "学校数据表（youjun 填报模板）", Creator: "youjun",
		Created: "2025-01-01T00:00:00Z", Modified: "2025-01-01T00:00:00Z"})
	head, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "center", Horizontal: "center"},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE7F3"}}, Border: borders()})
	textStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 49}) // @: text, so that codes keep their leading zeros
	countStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 1}) // 0
	decStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 2})   // 0.00
	example, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "808080"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}})
	cols := templateColumns()
	const lastRow = 2000
	for i, c := range cols {
		col, _ := excelize.ColumnNumberToName(i + 1)
		cell := col + "1"
		f.SetCellStr(sheet, cell, c.Header)
		f.SetCellStyle(sheet, cell, cell, head)
		width := 12.0
		if c.Key == "name" {
			width = 30
		}
		f.SetColWidth(sheet, col, col, width)
		style := textStyle
		switch c.Kind {
		case data.Count, data.Year:
			style = countStyle
		case data.Decimal:
			style = decStyle
		}
		f.SetCellStyle(sheet, col+"2", col+strconv.Itoa(lastRow), style)
		rng := col + "2:" + col + strconv.Itoa(lastRow)
		switch c.Kind {
		case data.Choice:
			dv := excelize.NewDataValidation(true)
			dv.Sqref = rng
			dv.SetDropList(data.Choices(c.Key))
			dv.SetError(excelize.DataValidationErrorStyleStop, "请从列表中选择", "「"+c.Header+"」只能填："+strings.Join(data.Choices(c.Key), "、"))
			f.AddDataValidation(sheet, dv)
		case data.Count, data.Decimal, data.Year:
			dv := excelize.NewDataValidation(true)
			dv.Sqref = rng
			kind, lo, hi, msg := excelize.DataValidationTypeWhole, 0.0, 10000000.0, "请填不小于 0 的整数"
			if c.Kind == data.Decimal {
				kind, msg = excelize.DataValidationTypeDecimal, "请填不小于 0 的数字（不带单位）"
			}
			if c.Kind == data.Year {
				lo, hi, msg = 1900, 2100, "请填四位数的年份，如 2008"
			}
			dv.SetRange(lo, hi, kind, excelize.DataValidationOperatorBetween)
			dv.SetError(excelize.DataValidationErrorStyleStop, "数值无效", "「"+c.Header+"」"+msg)
			f.AddDataValidation(sheet, dv)
		}
	}
	f.SetRowHeight(sheet, 1, 48)
	for r, ex := range examples {
		for i, c := range cols {
			cell, _ := excelize.CoordinatesToCellName(i+1, r+2)
			v := ex[c.Key]
			if v == "" {
				continue
			}
			if c.Kind == data.Count || c.Kind == data.Decimal || c.Kind == data.Year {
				f.SetCellValue(sheet, cell, number(v))
			} else {
				f.SetCellStr(sheet, cell, v)
			}
		}
		last, _ := excelize.CoordinatesToCellName(len(cols), r+2)
		first, _ := excelize.CoordinatesToCellName(1, r+2)
		f.SetCellStyle(sheet, first, last, example)
	}
	f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 2, YSplit: 1, TopLeftCell: "C2", ActivePane: "bottomRight"})

	// 填表说明
	f.SetColWidth(help, "A", "A", 26)
	f.SetColWidth(help, "B", "B", 26)
	f.SetColWidth(help, "C", "C", 20)
	f.SetColWidth(help, "D", "D", 70)
	wrap, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	f.SetCellStr(help, "A1", "填表说明")
	f.SetCellStyle(help, "A1", "A1", head)
	intro := []string{
		"1. 每个独立校区填一行（一所学校有多个校区时，每个校区一行）。跨学段的学校（九年一贯制、完全中学等）也只填一行，youjun 会按学段自动拆分。",
		"2. 教师按任教学段分别填写，不拆分；在多个校区上课的教师计入其人事档案所在校区。",
		"3. 除“走教兼职体育艺术教师数”“租用改造体育场地面积”“室内体育用房面积”外，不知道的数据请留空（不要填 0，也不要填“-”）：留空的项目在报告中显示为“待补充”。",
		"4. 数值只填数字，不带单位；教学仪器设备值、公用经费预算、教师培训经费以万元为单位。",
		"5. 学校代码以“示例”开头的两行是填表示例，不参与评估；填好本县数据后请删除。",
		"6. 可以直接用 Excel 或 WPS 填写本文件；也可以另存为 CSV（data/schools.csv，二者只保留一个）。",
	}
	for i, s := range intro {
		cell := "A" + strconv.Itoa(i+2)
		f.SetCellStr(help, cell, s)
		f.MergeCell(help, cell, "D"+strconv.Itoa(i+2))
		f.SetCellStyle(help, cell, cell, wrap)
		f.SetRowHeight(help, i+2, 32)
	}
	top := len(intro) + 3
	for i, h := range []string{"列名", "英文键（也可作列名）", "单位", "说明与数据来源"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, top)
		f.SetCellStr(help, cell, h)
		f.SetCellStyle(help, cell, cell, head)
	}
	for r, c := range cols {
		row := top + 1 + r
		unit, note, _ := strings.Cut(c.Note, "；")
		if !strings.ContainsAny(unit, "人个间元米年") || len([]rune(unit)) > 4 {
			unit, note = "", c.Note
		}
		desc := sources[c.Key]
		if note != "" {
			desc += "。" + note
		}
		f.SetCellStr(help, "A"+strconv.Itoa(row), c.Header)
		f.SetCellStr(help, "B"+strconv.Itoa(row), c.Key)
		f.SetCellStr(help, "C"+strconv.Itoa(row), unit)
		f.SetCellStr(help, "D"+strconv.Itoa(row), desc)
		f.SetCellStyle(help, "D"+strconv.Itoa(row), "D"+strconv.Itoa(row), wrap)
	}
	f.SetActiveSheet(0)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func borders() []excelize.Border {
	var b []excelize.Border
	for _, side := range []string{"left", "right", "top", "bottom"} {
		b = append(b, excelize.Border{Type: side, Color: "9FB3C8", Style: 1})
	}
	return b
}

func number(s string) float64 {
	v, _ := strconv.ParseFloat(s, 64)
	return v
}
