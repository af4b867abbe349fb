package data

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/youjun-edu/youjun/internal/standard"
)

const header = "学校代码,学校名称,学校类型,城乡类别,小学在校生数,初中在校生数,小学骨干教师数,初中骨干教师数,体育运动场馆面积,专任教师数,持证专任教师数\n"

func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		csv  string
		want []string // each must appear in the messages
	}{
		{"text in a number", header + "A,甲小学,小学,城区,300,,3,,约3000,20,20\n",
			[]string{`data/schools.csv 第2行「体育运动场馆面积」: "约3000" 不是数字`}},
		{"negative", header + "A,甲小学,小学,城区,-300,,3,,3000,20,20\n",
			[]string{`第2行「小学在校生数」: "-300" 不能为负数`}},
		{"fraction in a count", header + "A,甲小学,小学,城区,300.5,,3,,3000,20,20\n",
			[]string{`第2行「小学在校生数」: "300.5" 不是整数`}},
		{"duplicate code", header + "A,甲小学,小学,城区,300,,3,,3000,20,20\nA,乙小学,小学,城区,300,,3,,3000,20,20\n",
			[]string{`第3行「学校代码」: "A" 与第2行重复`}},
		{"unknown type", header + "A,甲小学,小学校,城区,300,,3,,3000,20,20\n",
			[]string{`第2行「学校类型」: "小学校" 不是有效的学校类型`, "是否为「小学」"}},
		{"unknown area", header + "A,甲小学,小学,农村,300,,3,,3000,20,20\n",
			[]string{`第2行「城乡类别」: "农村" 不是有效的城乡类别（可填：城区、镇区、乡村）`}},
		{"nine-year school without juniors", header + "A,甲学校,九年一贯制学校,城区,300,,3,,3000,20,20\n",
			[]string{`第2行「学校类型」: "九年一贯制学校" 九年一贯制学校须同时有小学和初中在校生（小学300人，初中0人）`}},
		{"teachers at a level with no students", header + "A,甲小学,小学,城区,300,,3,2,3000,20,20\n",
			[]string{`第2行「初中骨干教师数」: "2" 初中在校生为0，不应有骨干教师数`}},
		{"students but no type", header + "A,甲小学,,城区,300,,3,,3000,20,20\n",
			[]string{`第2行「学校类型」: 有在校生但未填学校类型`}},
		{"more certified than teachers", header + "A,甲小学,小学,城区,300,,3,,3000,20,21\n",
			[]string{`第2行「持证专任教师数」: "21" 大于专任教师数 20`}},
		{"dash in a required number", header + "A,甲小学,小学,城区,300,,3,,—,20,20\n",
			[]string{`第2行「体育运动场馆面积」: "—" 不是数字（此列不能用“-”表示无`}},
		{"misspelt header", strings.Replace(header, "体育运动场馆面积", "体育运动场地面积", 1) + "A,甲小学,小学,城区,300,,3,,3000,20,20\n",
			[]string{`第1行「体育运动场地面积」: 未知的列名，是否为「体育运动场馆面积」？`}},
		{"header without a unit", "学校代码,学校名称,学校类型,小学在校生数,教学仪器设备值\nA,甲,小学,300,5\n",
			[]string{`「教学仪器设备值」: 请在列名中注明单位，如「教学仪器设备值(万元)」`}},
		{"missing required column", "学校代码,学校名称,小学在校生数\nA,甲,300\n",
			[]string{`第1行: 缺少必需的列「学校类型」`}},
		{"unbalanced quotes", header + "A,\"甲小学,小学,城区,300,,3,,3000,20,20\n",
			[]string{"CSV 格式错误"}},
		{"every problem at once", header + "A,甲小学,小学,城区,约300,,3,,3000,20,20\nA,乙小学,中学,城区,300,,-3,,3000,20,20\n",
			[]string{`第2行「小学在校生数」: "约300" 不是数字`, `第3行「学校代码」: "A" 与第2行重复`, `第3行「学校类型」: "中学"`, `第3行「小学骨干教师数」: "-3" 不能为负数`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table, probs := ParseCSV([]byte(tt.csv), "data/schools.csv")
			if table != nil || probs.Err() == nil {
				t.Fatalf("accepted bad input; problems: %v", probs)
			}
			msg := probs.Error()
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("messages\n%s\nlack %q", msg, w)
				}
			}
		})
	}
}

func TestNormalisation(t *testing.T) {
	csv := "学校代码 , 学校名称,学校类型,城乡类别,小学在校生数,初中在校生数,走教兼职体育艺术教师数,教学仪器设备值（万元）,体育运动场馆面积\n" +
		" A ,甲小学,小学,城区,\"１,２３４\",,—,１２．５,\" 3 000 \"\n" +
		"B,乙学校,初中,乡村,,300,-,,\n"
	table, probs := ParseCSV([]byte(csv), "data/schools.csv")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	a, b := table.Schools[0], table.Schools[1]
	if a.Code != "A" || a.PrimaryStudents != Num(1234) || a.JuniorStudents != Num(0) || a.SharedPEArtTeachers != Num(0) ||
		a.EquipmentValue != Num(125000) || a.SportsArea != Num(3000) {
		t.Errorf("school A = %+v", a)
	}
	if b.Type != "初级中学" || b.EquipmentValue.Valid || b.SportsArea.Valid || b.Row != 3 {
		t.Errorf("school B = %+v", b)
	}
	yuan := "学校代码,学校名称,学校类型,小学在校生数,教学仪器设备值(元)\nA,甲,小学,300,125000\n"
	table, probs = ParseCSV([]byte(yuan), "x.csv")
	if probs.Err() != nil || table.Schools[0].EquipmentValue != Num(125000) || !table.Has("equipment_value") {
		t.Errorf("元 column: %v %v", probs, table)
	}
}

func TestUnknownColumnIsIgnoredWithWarning(t *testing.T) {
	table, probs := ParseCSV([]byte("学校代码,学校名称,学校类型,小学在校生数,备注\nA,甲,小学,300,新建\n"), "x.csv")
	if probs.Err() != nil || table == nil {
		t.Fatal(probs)
	}
	if w := probs.Warnings(); len(w) != 1 || !strings.Contains(w[0].String(), "「备注」: 不是学校数据表的列，已忽略") {
		t.Errorf("warnings = %v", w)
	}
}

// The same table as UTF-8, UTF-8 with BOM, GBK and XLSX gives identical schools.
func TestEncodingsAndXLSX(t *testing.T) {
	src, err := os.ReadFile("../../data/schools.csv")
	if err != nil {
		t.Fatal(err)
	}
	want, probs := ParseCSV(src, "t")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(src)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(gbk, src) {
		t.Fatal("GBK encoding changed nothing")
	}
	variants := map[string][]byte{
		"bom":  append([]byte("\xef\xbb\xbf"), src...),
		"gbk":  gbk,
		"crlf": bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n")),
	}
	for name, b := range variants {
		got, probs := ParseCSV(b, "t")
		if probs.Err() != nil {
			t.Fatalf("%s: %v", name, probs)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s differs from UTF-8", name)
		}
	}
	path := filepath.Join(t.TempDir(), "schools.xlsx")
	writeXLSX(t, src, path)
	got, probs := LoadTable(path, "t")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	for i := range got.Schools {
		got.Schools[i].Row-- // the blank second row of the sheet
	}
	if !reflect.DeepEqual(got, want) {
		for i := range want.Schools {
			if !reflect.DeepEqual(got.Schools[i], want.Schools[i]) {
				t.Fatalf("XLSX row %d:\n got %+v\nwant %+v", i, got.Schools[i], want.Schools[i])
			}
		}
		t.Errorf("XLSX differs from CSV")
	}
}

// writeXLSX writes a CSV as the first sheet, numbers as numbers (as Excel stores them), with a
// blank row in the middle and a thousands-separator number format, which must not matter.
func writeXLSX(t testing.TB, src []byte, path string) {
	t.Helper()
	rows, _ := readSmallRecords(src)
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "学校")
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	for i, rec := range rows {
		r := i + 1
		if i > 0 {
			r++ // leave row 2 blank
		}
		for j, v := range rec {
			cell, _ := excelize.CoordinatesToCellName(j+1, r)
			if n, perr := parseNumber(v, false); perr == 0 && i > 0 && j > 1 {
				f.SetCellValue("学校", cell, n)
				f.SetCellStyle("学校", cell, cell, style)
			} else if v != "" {
				f.SetCellStr("学校", cell, v)
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func readSmallRecords(src []byte) ([][]string, error) {
	rr := newCSVReader(src)
	var out [][]string
	for {
		rec, _, err := rr.next()
		if err != nil {
			return out, nil
		}
		out = append(out, append([]string(nil), rec...))
	}
}

func TestXLSXRowNumbers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "schools.xlsx")
	writeXLSX(t, []byte("学校代码,学校名称,学校类型,小学在校生数\nA,甲,小学,300\nB,乙,小学,约3\n"), path)
	_, probs := LoadTable(path, "data/schools.xlsx")
	// Row 2 is blank, so the second school is on row 4.
	if !strings.Contains(probs.Error(), `data/schools.xlsx 第4行「小学在校生数」: "约3" 不是数字`) {
		t.Errorf("problems = %v", probs)
	}
}

func TestFigures(t *testing.T) {
	p, err := standard.Load(standard.Default)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, src string
		want      []string
	}{
		{"misspelt key", "[G8]\nteacher_avg_salery = 1\n", []string{`data/county.toml 第2行「G8.teacher_avg_salery」: 未知的键，是否为「teacher_avg_salary」？`}},
		{"misspelt table", "[G88]\nx = 1\n", []string{`第1行「G88」: 未知的键`}},
		{"number as text", "[G9]\ntraining_completion_rate = \"100%\"\n", []string{`第2行「G9.training_completion_rate」: "100%" 应填数字`}},
		{"bool as text", "[G1]\nlayout_reasonable = \"是\"\n", []string{`第2行「G1.layout_reasonable」: "是" 应填 true（是）或 false（否）`}},
		{"negative", "[G11]\neligible_teachers = -5\n", []string{`「G11.eligible_teachers」: "-5" 应为不小于 0 的数字`}},
		{"syntax", "[G1\nlayout_reasonable = true\n", []string{"data/county.toml 第1行", "TOML 格式错误"}},
		{"all at once", "[G8]\nteacher_avg_salery = 1\n[G9]\ntraining_completion_rate = \"x\"\n", []string{"第2行", "第4行"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, probs := ParseFigures([]byte(tt.src), "data/county.toml", p)
			for _, w := range tt.want {
				if !strings.Contains(probs.Error(), w) {
					t.Errorf("problems\n%v\nlack %q", probs, w)
				}
			}
		})
	}
	f, probs := ParseFigures([]byte("[county]\nresident_population = 410000\n[G8]\nteacher_avg_salary = 112860\nperformance_pay_full = true\nevidence = \"见附件\"\n"), "data/county.toml", p)
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	e := f.Entry("G8")
	if f.ResidentPopulation != Num(410000) || e.Numbers["teacher_avg_salary"] != 112860 || !e.Bools["performance_pay_full"] || e.Evidence != "见附件" || e.Line != 3 {
		t.Errorf("figures = %+v %+v", f, e)
	}
}

func TestSurvey(t *testing.T) {
	groups := []string{"学生", "家长", "教师"}
	s, probs := ParseSurvey([]byte("对象,样本数,认可数\n学生,100,90\n家长,200,170\n"), "data/survey.csv", groups)
	if probs.Err() != nil || s.Samples != 300 || s.Approving != 260 || s.Parents != 200 {
		t.Fatalf("survey = %+v, %v", s, probs)
	}
	_, probs = ParseSurvey([]byte("对象,样本数,认可数\n学生们,100,90\n家长,200,201\n家长,1,1\n"), "data/survey.csv", groups)
	for _, w := range []string{`第2行「对象」: "学生们" 不是调查对象之一`, `第3行「认可数」: "201" 大于样本数 200`, `第4行「对象」: "家长" 与第3行重复`} {
		if !strings.Contains(probs.Error(), w) {
			t.Errorf("problems\n%v\nlack %q", probs, w)
		}
	}
}

func TestHistory(t *testing.T) {
	var h History
	probs := h.ParseHistory([]byte("年份,小学综合差异系数,初中综合差异系数\n2024,0.385,0.307\n2022,0.412,0.336\n"), "data/history/a.csv")
	if len(probs) > 0 || len(h.Years) != 2 || h.Years[0].Year != 2022 {
		t.Fatalf("history = %+v %v", h, probs)
	}
	probs = h.ParseHistory([]byte("年份,小学综合差异系数,初中综合差异系数\n2024,0.3,0.3\n20x,0.1,0.1\n"), "data/history/b.csv")
	if !strings.Contains(probs.Error(), "与 data/history/a.csv 第2行重复") || !strings.Contains(probs.Error(), `"20x" 不是数字`) {
		t.Errorf("problems = %v", probs)
	}
}

func TestExampleRowsAreSkipped(t *testing.T) {
	table, probs := ParseCSV([]byte("学校代码,学校名称,学校类型,小学在校生数\n示例-1,示例小学,小学,300\nA,甲小学,小学,300\n"), "data/schools.csv")
	if probs.Err() != nil || len(table.Schools) != 1 || table.Schools[0].Code != "A" {
		t.Fatalf("table %+v, %v", table, probs)
	}
	if w := probs.Warnings(); len(w) != 1 || !strings.Contains(w[0].String(), `第2行「学校代码」: "示例-1" 是填表示例，已忽略`) {
		t.Errorf("warnings %v", w)
	}
}

func TestScoresInFigures(t *testing.T) {
	p, err := standard.Load("hunan-2021")
	if err != nil {
		t.Fatal(err)
	}
	f, probs := ParseFigures([]byte("[H8]\nscores = [3, 2, 2.5, 1.5]\nevidence = [\"甲\", \"乙\"]\n"), "data/county.toml", p)
	if probs.Err() != nil || len(f.Entry("H8").Scores) != 4 || f.Entry("H8").PointEvidence[1] != "乙" {
		t.Fatalf("%v %+v", probs, f)
	}
	tests := []struct{ src, want string }{
		{"[H8]\nscores = [3, 2, 2.5]\n", "「H8.scores」: 应有 4 个得分（依次对应 4 个评估要点），填了 3 个"},
		{"[H8]\nscores = [3, 2, 3.5, 1]\n", "第3个得分应在 0 到 3 分之间（教育规划、人员编制、建设经费等得到优先保障）"},
		{"[H8]\nscores = [3, \"二\", 2, 1]\n", "第2个得分不是数字"},
		{"[H8]\nscore = [3, 2, 2, 1]\n", "是否为「scores」"},
		// scores = [inf] gave only the count: the infinite score came to light in a second round.
		{"[H8]\nscores = [inf]\n", "「H8.scores」: \"+Inf\" 第1个得分应在 0 到 3 分之间"},
		{"[H8]\nscores = [3, 2, 2, 1, \"五\"]\n", "第5个得分不是数字"},
	}
	for _, tt := range tests {
		_, probs := ParseFigures([]byte(tt.src), "data/county.toml", p)
		if !strings.Contains(probs.Error(), tt.want) {
			t.Errorf("%q: %v, want %q", tt.src, probs, tt.want)
		}
	}
}

// A 学校类型 that is no type was also reported as "有在校生但未填学校类型", and a name lost to a
// broken cell as "不能为空": one problem per cell.
func TestOneProblemPerCell(t *testing.T) {
	_, probs := ParseCSV([]byte(header+"A,甲小学,小雪,城区,300,,3,,3000,20,20\n"), "data/schools.csv")
	if len(probs) != 1 || !strings.Contains(probs.Error(), `第2行「学校类型」: "小雪" 不是有效的学校类型`) {
		t.Errorf("problems:\n%s", probs.Error())
	}
	_, probs = ParseCSV([]byte(header+"A,"+strings.Repeat("校", MaxCellRunes+1)+",小学,城区,300,,3,,3000,20,20\n"), "data/schools.csv")
	if len(probs) != 1 || !strings.Contains(probs.Error(), "单元格太长") {
		t.Errorf("problems:\n%s", probs.Error())
	}
}

// TestChunksKeepTableOrder reads a table of several chunks (parsed in parallel) with problems
// in different chunks: they are listed in row order, and a code is a duplicate of a row in an
// earlier chunk.
func TestChunksKeepTableOrder(t *testing.T) {
	src := "学校代码,学校名称,学校类型,小学在校生数\n"
	const n = 3 * chunkRows
	for i := range n {
		code, students := fmt.Sprintf("43%08d", i), "100"
		switch i {
		case 5, 2*chunkRows + 7:
			students = "很多"
		case chunkRows + 3:
			code = "4300000010" // the code of the 11th school, on row 12
		}
		src += code + ",第" + strconv.Itoa(i) + "小学,小学," + students + "\n"
	}
	_, probs := ParseCSV([]byte(src), "s.csv")
	var got []string
	for _, p := range probs {
		got = append(got, fmt.Sprintf("%d %s %s", p.Line, p.Column, p.Value))
	}
	want := []string{"7 小学在校生数 很多", fmt.Sprintf("%d 学校代码 4300000010", chunkRows+5), fmt.Sprintf("%d 小学在校生数 很多", 2*chunkRows+9)}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems %q, want %q", got, want)
	}
	if !strings.Contains(probs[1].Message, "与第12行重复") {
		t.Errorf("duplicate message %q", probs[1].Message)
	}
}

// TestShortRowsBeyondHint reads more rows than the size hint expects (rows under 32 bytes):
// those beyond it are parsed apart and appended, in order.
func TestShortRowsBeyondHint(t *testing.T) {
	src := "学校代码,学校名称,学校类型,小学在校生数\n"
	const n = 3000
	for i := range n {
		src += strconv.Itoa(i+1) + ",a,小学,9\n"
	}
	if hint := newCSVReader([]byte(src)).sizeHint(); hint >= n {
		t.Fatalf("size hint %d covers all %d rows: the test needs shorter rows", hint, n)
	}
	tab, probs := ParseCSV([]byte(src), "s.csv")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	if len(tab.Schools) != n {
		t.Fatalf("%d schools, want %d", len(tab.Schools), n)
	}
	for i, s := range tab.Schools {
		if s.Code != strconv.Itoa(i+1) || s.Row != i+2 {
			t.Fatalf("school %d is %s on row %d", i, s.Code, s.Row)
		}
	}
}

// The optional 决算 columns of Q4 are read in 万元; a blank cell is "not given", not 0; a
// header without its unit is refused with the one to write, as 公用经费预算 is.
func TestFinalFundColumns(t *testing.T) {
	table, probs := ParseCSV([]byte("学校代码,学校名称,学校类型,小学在校生数,公用经费决算(万元),教师培训经费决算(万元)\nA,甲,小学,300,90.5,4.5\nB,乙,小学,300,,\n"), "x.csv")
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	a, b := table.Schools[0], table.Schools[1]
	if a.PublicFundFinal != Num(905000) || a.TrainingFundFinal != Num(45000) || b.PublicFundFinal.Valid || b.TrainingFundFinal.Valid {
		t.Errorf("%+v %+v / %+v %+v", a.PublicFundFinal, a.TrainingFundFinal, b.PublicFundFinal, b.TrainingFundFinal)
	}
	_, probs = ParseCSV([]byte("学校代码,学校名称,学校类型,小学在校生数,教师培训经费决算\nA,甲,小学,300,4.5\n"), "x.csv")
	if !strings.Contains(probs.Error(), "请在列名中注明单位，如「教师培训经费决算(万元)」") {
		t.Errorf("problems %v", probs)
	}
}
