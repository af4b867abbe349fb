package scaffold

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/youjun-edu/youjun/internal/build"
	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/templates"
	"github.com/youjun-edu/youjun/theme"
)

func TestNewSiteBuilds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "测试县")
	if err := New(Options{Dir: dir, Year: 2025, Date: "2025-10-15"}); err != nil {
		t.Fatal(err)
	}
	off := false
	res, probs := build.Run(build.Options{Site: dir, SystemFonts: &off})
	if probs.Err() != nil {
		t.Fatalf("a fresh site must build: %v", probs)
	}
	if res.Pages == 0 || res.PDFPages == 0 {
		t.Errorf("pages %d, PDF pages %d", res.Pages, res.PDFPages)
	}
	eval, err := os.ReadFile(filepath.Join(dir, "output", "data", "evaluation.json"))
	if err != nil || !strings.Contains(string(eval), `"conclusion": "待补充"`) || !strings.Contains(string(eval), `"county": "测试县"`) {
		t.Errorf("the fresh site's conclusion must be 待补充: %.300s", eval)
	}
	if _, err := os.Stat(filepath.Join(dir, "output", "测试县义务教育优质均衡发展自评报告.pdf")); err != nil {
		t.Error(err)
	}
	msg := res.Warnings.Error()
	for _, want := range []string{"是填表示例，已忽略", "待补充：G1", "还有待填写的内容"} {
		if !strings.Contains(msg, want) {
			t.Errorf("warnings lack %q", want)
		}
	}
	if _, probs := build.Run(build.Options{Site: dir, Strict: true, SystemFonts: &off}); probs.Err() == nil {
		t.Error("a fresh site must not pass --strict")
	}
}

func TestTemplateWorkbook(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "甲县")
	if err := New(Options{Dir: dir, County: "甲县", Year: 2025, Date: "2025-10-15"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "data", "schools.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "学校,填表说明" {
		t.Errorf("sheets %s", got)
	}
	rows, _ := f.GetRows("学校")
	var want []string
	for _, c := range data.Columns {
		if c.Key != "equipment_value_yuan" {
			want = append(want, c.Header)
		}
	}
	if strings.Join(rows[0], ",") != strings.Join(want, ",") {
		t.Errorf("headers %v", rows[0])
	}
	if len(rows) != 3 || !strings.HasPrefix(rows[1][0], "示例") || !strings.HasPrefix(rows[2][0], "示例") {
		t.Errorf("example rows %v", rows[1:])
	}
	dvs, err := f.GetDataValidations("学校")
	if err != nil {
		t.Fatal(err)
	}
	lists := map[string]string{}
	for _, dv := range dvs {
		if dv.Type == "list" {
			lists[strings.SplitN(dv.Sqref, ":", 2)[0]] = dv.Formula1
		}
	}
	for cell, choice := range map[string]string{"C2": "九年一贯制学校", "D2": "民办", "E2": "乡村", "F2": "是"} {
		if !strings.Contains(lists[cell], choice) {
			t.Errorf("no drop-down list with %s at %s: %v", choice, cell, lists)
		}
	}
	if len(dvs) < 30 {
		t.Errorf("only %d validations; numbers should be checked too", len(dvs))
	}
	panes, _ := f.GetPanes("学校")
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header row not frozen: %+v", panes)
	}
	help, _ := f.GetRows("填表说明")
	joined := ""
	for _, r := range help {
		joined += strings.Join(r, "|") + "\n"
	}
	for _, c := range want {
		if !strings.Contains(joined, c+"|") {
			t.Errorf("填表说明 lacks %s", c)
		}
	}
	style, _ := f.GetCellStyle("学校", "H5")
	if s, _ := f.GetStyle(style); s == nil || s.NumFmt != 1 {
		t.Errorf("小学在校生数 should be formatted as a whole number")
	}
	// The template read back gives the example rows as examples only.
	table, probs := data.LoadTable(filepath.Join(dir, "data", "schools.xlsx"), "data/schools.xlsx")
	if probs.Err() != nil || len(table.Schools) != 0 || len(probs.Warnings()) != 3 {
		t.Errorf("template read back: %v, %v", table, probs)
	}
}

func TestNewRefusesNonEmptyDir(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644)
	if err := New(Options{Dir: dir}); err == nil || !strings.Contains(err.Error(), "不是空的") {
		t.Errorf("err = %v", err)
	}
	if err := New(Options{Dir: filepath.Join(t.TempDir(), "x"), Profile: "hunan-2012"}); err == nil || !strings.Contains(err.Error(), "未知的评估标准") {
		t.Errorf("err = %v", err)
	}
}

// youjun new x --name "a/b" made a site whose first build failed; a quote in the name would
// break the generated site.toml. The name is checked as site.toml checks it, before any file.
func TestNewRefusesBadCounty(t *testing.T) {
	for _, name := range []string{"某市/某县", `县"` + "\n[standard]", "示例\u202e县", ".hidden"} {
		dir := filepath.Join(t.TempDir(), "x")
		err := New(Options{Dir: dir, County: name})
		if err == nil || !strings.Contains(err.Error(), "县名会用作 PDF 的文件名") {
			t.Errorf("county %q: err = %v", name, err)
		}
		if _, err := os.Stat(dir); err == nil {
			t.Errorf("county %q: %s was created", name, dir)
		}
	}
}

func TestNewHunanSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "湘县")
	if err := New(Options{Dir: dir, Profile: "hunan-2021", Year: 2025, Date: "2025-10-15"}); err != nil {
		t.Fatal(err)
	}
	county, _ := os.ReadFile(filepath.Join(dir, "data", "county.toml"))
	for _, want := range []string{"[H8]  # 保障教育优先发展", "# scores = [0, 0, 0, 0]", "#   要点3（3分）：教育规划、人员编制、建设经费等得到优先保障",
		"# primary_students_per_staff = 0", "[H36]", "立德树人"} {
		if !strings.Contains(string(county), want) {
			t.Errorf("county.toml lacks %q", want)
		}
	}
	site, _ := os.ReadFile(filepath.Join(dir, "site.toml"))
	if !strings.Contains(string(site), `profile = "hunan-2021"`) {
		t.Error("site.toml does not name the profile")
	}
	off := false
	res, probs := build.Run(build.Options{Site: dir, SystemFonts: &off})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	if !strings.Contains(res.Warnings.Error(), "待补充：H8 保障教育优先发展：满分10分；未填写自评得分") {
		t.Errorf("warnings %s", res.Warnings)
	}
}

// The note in a new site's templates/ names files that youjun really reads from there.
func TestTemplatesNote(t *testing.T) {
	note, err := files.ReadFile("files/templates/说明.txt")
	if err != nil {
		t.Fatal(err)
	}
	names := regexp.MustCompile(`[a-z]+\.(?:html|css|js)`).FindAllString(string(note), -1)
	if len(names) == 0 {
		t.Fatal("the note names no file")
	}
	for _, name := range names {
		_, tmplErr := fs.Stat(templates.FS, name)
		_, assetErr := fs.Stat(theme.FS, "assets/"+name)
		if tmplErr != nil && assetErr != nil {
			t.Errorf("the note names %s, which is neither a template nor an asset", name)
		}
	}
	if strings.Contains(string(note), "layouts") {
		t.Error("the note still points to theme/layouts/")
	}
}
