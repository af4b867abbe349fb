package statimport

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/youjun-edu/youjun/internal/config"
	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/statimport/statfixture"
)

// exampleSchools derives the statistics of the example's schools.
func exampleSchools(t *testing.T) []*statfixture.School {
	t.Helper()
	tab, probs := data.LoadTable(filepath.Join(root, statfixture.ExampleSite, "data/schools.csv"), "data/schools.csv")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	schools, err := statfixture.Derive(tab, statfixture.ExampleCounty)
	if err != nil {
		t.Fatal(err)
	}
	return schools
}

func builtin(t *testing.T) *Mapping {
	t.Helper()
	m, probs := LoadMapping(t.TempDir())
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	return m
}

func countyInput(t *testing.T, schools []*statfixture.School) Input {
	t.Helper()
	b, err := statfixture.CountyXLSX(schools, "汇总")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "汇总.xlsx")
	os.WriteFile(path, b, 0o644)
	sheets, err := ReadFile(path, "汇总.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	return Input{Name: "汇总.xlsx", Sheets: sheets}
}

func rowsText(res *Result) [][]string {
	var out [][]string
	for _, r := range res.Rows {
		var row []string
		for _, k := range res.Keys {
			row = append(row, r.Text(k))
		}
		out = append(out, row)
	}
	return out
}

// The county export saved as GBK CSV (merges lost) gives the same table as the XLSX.
func TestCSVInGBKAsXLSX(t *testing.T) {
	schools := exampleSchools(t)
	m := builtin(t)
	b, err := statfixture.CountyCSV(schools, "汇总")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte("学校")) {
		t.Fatal("the CSV is not GBK")
	}
	s, err := ParseCSV(b, "汇总.csv")
	if err != nil {
		t.Fatal(err)
	}
	o := Options{Mapping: m, MapName: BuiltinName, Branches: config.BranchOwn}
	fromCSV, probs := Import([]Input{{Name: "汇总.csv", Sheets: []*Sheet{s}}}, o)
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	fromXLSX, probs := Import([]Input{countyInput(t, schools)}, o)
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	a, x := rowsText(fromCSV), rowsText(fromXLSX)
	if len(a) != 35 || len(x) != 35 {
		t.Fatalf("%d and %d rows", len(a), len(x))
	}
	for i := range a {
		if strings.Join(a[i], ",") != strings.Join(x[i], ",") {
			t.Errorf("row %d:\ncsv  %q\nxlsx %q", i, a[i], x[i])
		}
	}
}

// Rows with 是否计校数 = 0 need site.toml's rule: without it each is an error naming its row;
// 合并 adds them into their school, 单列 keeps them.
func TestBranchRule(t *testing.T) {
	schools := exampleSchools(t)
	m := builtin(t)
	in := countyInput(t, schools)
	_, probs := Import([]Input{in}, Options{Mapping: m, MapName: BuiltinName})
	var rows []int
	for _, p := range probs.Errors() {
		if p.Column == "是否计校数" && strings.Contains(p.Message, "branches") {
			rows = append(rows, p.Line)
		}
	}
	if len(probs.Errors()) != 3 || len(rows) != 3 || rows[0] != 38 || rows[2] != 40 {
		t.Errorf("want errors on rows 38-40, got %v", probs)
	}
	own, probs := Import([]Input{in}, Options{Mapping: m, MapName: BuiltinName, Branches: config.BranchOwn})
	if probs.Err() != nil || len(own.Rows) != 35 {
		t.Fatalf("单列: %v", probs)
	}
	roster, _ := ParseCSV(statfixture.Roster(schools, 0, 0), "花名册.csv")
	merged, probs := Import([]Input{in, {Name: "花名册.csv", Sheets: []*Sheet{roster}}}, Options{Mapping: m, MapName: BuiltinName, Branches: config.BranchMerge})
	if probs.Err() != nil || len(merged.Rows) != 32 {
		t.Fatalf("合并: %d rows, %v", len(merged.Rows), probs)
	}
	for _, p := range probs {
		if strings.Contains(p.Message, "花名册") {
			t.Errorf("the roster of a merged branch site: %v", p) // its teachers count for the school
		}
	}
	// 东山乡中心学校 249 + 东山乡茅坪教学点 26 小学生; the largest class is the larger one.
	for _, r := range merged.Rows {
		if r.Code == "4306230016" {
			if got := r.Text("primary_students"); got != "275" {
				t.Errorf("merged 小学在校生数 %s, want 275", got)
			}
			if got := r.Text("teachers"); got != "31" {
				t.Errorf("merged 专任教师数 %s, want 31", got)
			}
		}
	}
	if len(merged.Notes) != 4 || !strings.Contains(merged.Notes[0], "东山乡茅坪教学点") {
		t.Errorf("notes %q", merged.Notes)
	}
}

// A mapping file with a path the export does not have, or a column the table does not have, is
// rejected with the closest one.
func TestMappingUnknownPath(t *testing.T) {
	dir := copySite(t)
	os.WriteFile(filepath.Join(dir, OverrideFile), []byte("[columns.primary_studens]\nsum = [\"教基3112›在校生数›合计\"]\n\n[columns.junior_students]\nsum = [\"教基3115›在校生数›总计\"]\n"), 0o644)
	_, probs := Run(RunOptions{Site: dir, Files: inSite(dir, exampleExport)})
	text := probs.Error()
	for _, want := range []string{
		`import.toml 第1行「columns.primary_studens」: 学校数据表没有这一列，是否为「primary_students」？`,
		`找不到对应表中的栏目「教基3115›在校生数›总计」，是否为「教基3115›在校生数›合计」？（import.toml）`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, ImportFile)); err == nil {
		t.Error("wrote a table despite the errors")
	}
	// A path that is no path at all.
	_, probs = ParseMapping("m.toml", []byte("[school]\ncode = \"学校标识码\"\nname = \"学校名称\"\n[columns.teachers]\nsum = [\"教基4149››专任教师\"]\n"))
	if len(probs) != 1 || probs[0].Line != 5 || probs[0].Value != "教基4149››专任教师" {
		t.Errorf("bad path: %v", probs)
	}
}

func TestBandRange(t *testing.T) {
	for _, c := range []struct {
		label  string
		lo, hi int
		ok     bool
	}{
		{"25人及以下", 0, 25, true}, {"25人以下", 0, 25, true}, {"41-45人", 41, 45, true}, {"41～45人", 41, 45, true},
		{"66人及以上", 66, 0, true}, {"45-41人", 0, 0, false}, {"合计", 0, 0, false}, {"99999人以上", 0, 0, false},
	} {
		lo, hi, ok := bandRange(c.label)
		if lo != c.lo || hi != c.hi || ok != c.ok {
			t.Errorf("%s: %d %d %v", c.label, lo, hi, ok)
		}
	}
}

func rosterSheet(t *testing.T, lines ...string) *Sheet {
	t.Helper()
	s, err := ParseCSV([]byte(strings.Join(statfixture.RosterHeader, ",")+"\n"+strings.Join(lines, "\n")), "花名册.csv")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The roster counts full-time teachers in 编制 (在编, 聘任制); 兼职, 代课 and teachers who are not
// 专任 are left out; 高于规定学历 is 专科 and above in 小学, 本科 and above in 初中.
func TestRosterRules(t *testing.T) {
	m := builtin(t)
	s := rosterSheet(t,
		"1,甲校,T1,张三,小学,专科,县级,体育,小学,是,是,在编",
		"1,甲校,T2,李四,小学,高中,无,语文,无,是,否,聘任制",
		"1,甲校,T3,王五,初中,专科,市级,音乐,初中,是,否,在编",
		"1,甲校,T4,赵六,初中,本科,校级,美术,小学,是,是,在编",
		"1,甲校,T8,吴十,初中,大专,县级骨干教师,语文,初中,是,否,在编",
		"1,甲校,T5,钱七,初中,本科,省级,数学,初中,是,否,代课",
		"1,甲校,T6,孙八,小学,本科,无,体育,小学,是,否,兼职",
		"1,甲校,T7,周九,小学,本科,国家级,美术,小学,否,否,在编",
	)
	counts, sum, probs := m.ReadRoster(s, BuiltinName)
	if len(probs) != 0 {
		t.Fatal(probs)
	}
	rc := counts["1"]
	want := map[string]int{"teachers": 5, "certified_teachers": 3, "primary_qualified_teachers": 1, "junior_qualified_teachers": 1,
		"primary_backbone_teachers": 1, "junior_backbone_teachers": 2, "primary_pe_art_teachers": 1, "junior_pe_art_teachers": 2}
	for key, n := range want {
		if got := len(rc.counts[key]); got != n {
			t.Errorf("%s: %d, want %d", key, got, n)
		}
	}
	if sum.Excluded != 3 || sum.Exchange != 2 || sum.ExchangeBackbone != 1 {
		t.Errorf("summary %+v", sum)
	}
	if v := rc.value("teachers", ""); v.Sources[0].Rows != "2-6" {
		t.Errorf("rows %q", v.Sources[0].Rows)
	}
	bad := rosterSheet(t, "1,甲校,T1,张三,小学,专科,县级,体育,小学,是,是,临聘", "1,甲校,T2,李四,小学,本 科生,骨干,体育,小学,是,是,在编",
		"1,甲校,T2,王五,小学,本科,无,体育,小学,是,是,在编")
	_, _, probs = m.ReadRoster(bad, BuiltinName)
	want2 := []string{
		`花名册.csv 第2行「编制」: "临聘" 不是可识别的编制（计入：在编、聘任制；不计入：兼职、代课）`,
		`花名册.csv 第3行「骨干级别」: "骨干" 不是可识别的骨干级别（计入：国家级、省级、市级、县级；不计入：无、否、校级，或留空）`,
		`花名册.csv 第3行「最高学历」: "本科生" 不是可识别的学历（可在 import.toml 的 [roster] other_degrees 中补充），是否为「本科」？`,
		`花名册.csv 第4行「工号」: "T2" 与第3行重复：一名教师只能有一行`,
	}
	if got := probs.Error(); got != strings.Join(want2, "\n") {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want2, "\n"))
	}
}

// A roster that disagrees with the statistics is reported with both figures; the statistics
// are written.
func TestRosterDisagrees(t *testing.T) {
	schools := exampleSchools(t)
	m := builtin(t)
	roster := statfixture.Roster(schools, 0, 0)
	lines := strings.Split(string(roster), "\r\n")
	lines = append(lines[:1], lines[2:]...) // drop a teacher of 湘水县第一小学
	s, err := ParseCSV([]byte(strings.Join(lines, "\n")), "花名册.csv")
	if err != nil {
		t.Fatal(err)
	}
	res, probs := Import([]Input{countyInput(t, schools), {Name: "花名册.csv", Sheets: []*Sheet{s}}},
		Options{Mapping: m, MapName: BuiltinName, Branches: config.BranchOwn})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	found := false
	for _, p := range probs.Warnings() {
		if p.Column == "专任教师数" && strings.Contains(p.Message, "湘水县第一小学") && strings.Contains(p.Message, "花名册计得 69 人，事业统计为 70 人") {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning about the roster's total: %v", probs)
	}
	if got := res.Rows[0].Text("teachers"); got != "70" {
		t.Errorf("专任教师数 %s, want the statistics' 70", got)
	}
}

// A text that a spreadsheet would run as a formula is written as a string, and read back as it was.
func TestFormulaInert(t *testing.T) {
	schools := exampleSchools(t)
	schools[0].Name = "=HYPERLINK(\"http://x\",\"点我\")"
	res, probs := Import([]Input{countyInput(t, schools)}, Options{Mapping: builtin(t), MapName: BuiltinName, Branches: config.BranchOwn})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	b, err := XLSX(res)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if formula, _ := f.GetCellFormula(SchoolSheet, "B2"); formula != "" {
		t.Errorf("B2 is a formula: %q", formula)
	}
	if v, _ := f.GetCellValue(SchoolSheet, "B2"); v != schools[0].Name {
		t.Errorf("B2 = %q", v)
	}
	for range 5 { // the streamed sheets come out of a map
		again, _ := XLSX(res)
		if !bytes.Equal(b, again) {
			t.Fatal("the same result gives different bytes")
		}
	}
}

// The import never replaces a file it did not write: with a table in the site it writes
// schools.导入.xlsx, refuses to overwrite a file of that name that is not its own, and with
// --replace moves the table aside first.
func TestNeverOverwrites(t *testing.T) {
	dir := copySite(t)
	files := inSite(dir, exampleExport)
	if _, probs := Run(RunOptions{Site: dir, Files: files}); probs.Err() != nil {
		t.Fatal(probs)
	}
	first, _ := os.ReadFile(filepath.Join(dir, ImportFile))
	if _, probs := Run(RunOptions{Site: dir, Files: files}); probs.Err() != nil { // its own file: replaced
		t.Fatal(probs)
	}
	second, _ := os.ReadFile(filepath.Join(dir, ImportFile))
	if !bytes.Equal(first, second) {
		t.Error("two runs wrote different bytes")
	}
	// Saved in Excel or WPS after the import (上次修改者 set, a new modified time): the clerk's.
	edited, err := excelize.OpenFile(filepath.Join(dir, ImportFile))
	if err != nil {
		t.Fatal(err)
	}
	props, _ := edited.GetDocProps()
	props.LastModifiedBy, props.Modified = "张三", "2026-03-01T09:00:00Z"
	edited.SetDocProps(props)
	if err := edited.Save(); err != nil {
		t.Fatal(err)
	}
	edited.Close()
	if _, probs := Run(RunOptions{Site: dir, Files: files}); probs.Err() == nil || !strings.Contains(probs.Error(), "在导入后被编辑并保存过") {
		t.Errorf("overwrote a table edited after the import: %v", probs)
	}
	os.WriteFile(filepath.Join(dir, ImportFile), []byte("mine"), 0o644)
	if _, probs := Run(RunOptions{Site: dir, Files: files}); probs.Err() == nil || !strings.Contains(probs.Error(), "不是 youjun import 生成的") {
		t.Errorf("overwrote a foreign file: %v", probs)
	}
	typed, _ := os.ReadFile(filepath.Join(dir, "data/schools.csv"))
	rep, probs := Run(RunOptions{Site: dir, Files: files, Replace: true})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	backup, _ := os.ReadFile(filepath.Join(dir, rep.Backup))
	if rep.Backup != "data/schools.导入前.csv" || !bytes.Equal(backup, typed) || rep.Out != TableFile {
		t.Errorf("report %+v", rep)
	}
	if _, err := os.Stat(filepath.Join(dir, "data/schools.csv")); err == nil {
		t.Error("the typed table is still there beside data/schools.xlsx")
	}
	// Again with --replace: earlier backups stay; a name in use gets -2.
	imported, _ := os.ReadFile(filepath.Join(dir, TableFile))
	rep, probs = Run(RunOptions{Site: dir, Files: files, Replace: true})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	if again, _ := os.ReadFile(filepath.Join(dir, "data/schools.导入前.csv")); !bytes.Equal(again, typed) {
		t.Error("a second --replace overwrote the first backup")
	}
	if second, _ := os.ReadFile(filepath.Join(dir, rep.Backup)); rep.Backup != "data/schools.导入前.xlsx" || !bytes.Equal(second, imported) {
		t.Errorf("second backup %q", rep.Backup)
	}
	if rep, probs = Run(RunOptions{Site: dir, Files: files, Replace: true}); probs.Err() != nil || rep.Backup != "data/schools.导入前-2.xlsx" {
		t.Errorf("third backup %q (%v)", rep.Backup, probs)
	}
	if second, _ := os.ReadFile(filepath.Join(dir, "data/schools.导入前.xlsx")); !bytes.Equal(second, imported) {
		t.Error("a third --replace overwrote the second backup")
	}
	// Nothing else in the site was touched: its chapters and county data are as they were.
	for _, f := range []string{"site.toml", "data/county.toml", "content/01-overview.md"} {
		a, _ := os.ReadFile(filepath.Join(root, statfixture.ExampleSite, f))
		b, _ := os.ReadFile(filepath.Join(dir, f))
		if !bytes.Equal(a, b) {
			t.Errorf("%s changed", f)
		}
	}
}

// A data/ folder that links out of the site is refused: the import writes only inside the site.
func TestDataLinkOutRefused(t *testing.T) {
	dir := copySite(t)
	outside := t.TempDir()
	os.Rename(filepath.Join(dir, "data"), filepath.Join(outside, "data"))
	if err := os.Symlink(filepath.Join(outside, "data"), filepath.Join(dir, "data")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	files := inSite(dir, exampleExport)
	if _, probs := Run(RunOptions{Site: dir, Files: files}); probs.Err() == nil || !strings.Contains(probs.Error(), "站点以外") {
		t.Errorf("wrote through a link out of the site: %v", probs)
	}
	if _, err := os.Stat(filepath.Join(outside, "data", ImportFile[len("data/"):])); err == nil {
		t.Error("a file was written outside the site")
	}
}

// A roster alone updates the teacher counts of the site's table.
func TestRosterAlone(t *testing.T) {
	dir := copySite(t)
	rep, probs := Run(RunOptions{Site: dir, Files: inSite(dir, exampleRoster)})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	if len(rep.Result.Changes) != 0 {
		t.Errorf("changes %v", rep.Result.Changes)
	}
	os.Remove(filepath.Join(dir, "data/schools.csv"))
	_, probs = Run(RunOptions{Site: dir, Files: inSite(dir, exampleRoster)})
	if probs.Err() == nil || !strings.Contains(probs.Error(), "花名册只能补充") {
		t.Errorf("roster without schools: %v", probs)
	}
}

// Problems name the file, the sheet, the row, the column and the value.
func TestCellProblem(t *testing.T) {
	schools := exampleSchools(t)
	in := countyInput(t, schools)
	in.Sheets[0].Rows[8][8] = "约1200"
	_, probs := Import([]Input{in}, Options{Mapping: builtin(t), MapName: BuiltinName, Branches: config.BranchOwn})
	want := diag.Problem{File: "汇总.xlsx 工作表「学校基本情况」", Line: 9, Column: "教基3112›在校生数›合计（I9）", Value: "约1200", Message: "不是数字"}
	if len(probs) != 1 || probs[0] != want {
		t.Errorf("got %v", probs)
	}
}

// With the column 室内体育用房面积, the areas are written as the statistics have them and the
// indoor space on its own; without it, the R4/R5 rule is applied on import.
func TestIndoorSportsColumn(t *testing.T) {
	schools := exampleSchools(t)
	in := countyInput(t, schools)
	for _, indoor := range []bool{false, true} {
		res, probs := Import([]Input{in}, Options{Mapping: builtin(t), MapName: BuiltinName, Branches: config.BranchOwn, IndoorColumn: indoor})
		if probs.Err() != nil {
			t.Fatal(probs)
		}
		r := res.Rows[0] // 湘水县第一小学: 7287.4 + 437.2 indoor in the statistics, 11535.4 − 437.2 ground
		want := []string{"7287.4", "11535.4", ""}
		if indoor {
			want = []string{"7724.6", "11098.2", "437.2"}
		}
		got := []string{r.Text("teaching_area"), r.Text("sports_area"), r.Text(IndoorSportsKey)}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("indoor column %v: %q, want %q", indoor, got, want)
		}
		if hasKey := strings.Contains(strings.Join(res.Keys, ","), IndoorSportsKey); hasKey != indoor {
			t.Errorf("indoor column %v: keys %v", indoor, res.Keys)
		}
	}
}

// An export of another county is named.
func TestCountyMismatch(t *testing.T) {
	_, probs := Import([]Input{countyInput(t, exampleSchools(t))}, Options{Mapping: builtin(t), MapName: BuiltinName, Branches: config.BranchOwn, County: "别的县"})
	var w []diag.Problem
	for _, p := range probs.Warnings() {
		if p.Column == "统计三级" {
			w = append(w, p)
		}
	}
	if len(w) != 1 || w[0].Value != "湘水县" || !strings.Contains(w[0].Message, "共 35 所学校") {
		t.Errorf("got %v", probs)
	}
}

// A per-school workbook gives the school's row of the county export; a sheet of the older
// template is read through [tables].
func TestWorkbookAsExport(t *testing.T) {
	schools := exampleSchools(t)
	m := builtin(t)
	o := Options{Mapping: m, MapName: BuiltinName, Branches: config.BranchOwn}
	county, probs := Import([]Input{countyInput(t, schools)}, o)
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	for _, i := range []int{0, 5, 7, 8, 30, 33} { // 小学, 初级中学, 九年一贯制, 完全中学, 教学点, 特殊教育
		b, err := statfixture.WorkbookXLSX(schools[i])
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "wb.xlsx")
		os.WriteFile(path, b, 0o644)
		sheets, err := ReadFile(path, "wb.xlsx")
		if err != nil {
			t.Fatal(err)
		}
		res, probs := Import([]Input{{Name: "wb.xlsx", Sheets: sheets}}, o)
		if probs.Err() != nil {
			t.Fatalf("%s: %v", schools[i].Name, probs)
		}
		got, want := strings.Join(rowsText(res)[0], ","), strings.Join(rowsText(county)[i], ",")
		if got != want {
			t.Errorf("%s:\nworkbook %s\nexport   %s", schools[i].Name, got, want)
		}
	}
	// The same school's workbook with its students' sheet under an older 表号: not read, and
	// said so, until [tables] maps it.
	b, _ := statfixture.WorkbookXLSX(schools[0])
	path := filepath.Join(t.TempDir(), "old.xlsx")
	os.WriteFile(path, b, 0o644)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f.SetSheetName("教基3112_小学", "基础基311_小学")
	f.Save()
	f.Close()
	sheets, _ := ReadFile(path, "old.xlsx")
	_, probs = Import([]Input{{Name: "old.xlsx", Sheets: sheets}}, o)
	if !strings.Contains(probs.Warnings().Error(), "对应表中没有表号「基础基311」的栏目") {
		t.Errorf("an unknown 表号 was not reported: %v", probs)
	}
	m.Tables = map[string]string{"基础基311": "教基3112"}
	res, probs := Import([]Input{{Name: "old.xlsx", Sheets: sheets}}, o)
	if probs.Err() != nil || strings.Join(rowsText(res)[0], ",") != strings.Join(rowsText(county)[0], ",") {
		t.Errorf("old 表号 with [tables]: %v\n%q", probs, rowsText(res)[0])
	}
}
