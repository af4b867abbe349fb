package statimport

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/site"
	"github.com/youjun-edu/youjun/internal/statimport/statfixture"
)

const root = "../.."

var (
	exampleExport = filepath.Join(statfixture.ExampleDir, "湘水县2025年学校基本情况汇总.xlsx")
	exampleRoster = filepath.Join(statfixture.ExampleDir, "湘水县2025年教师花名册.csv")
)

// copySite copies the example site into a temporary folder.
func copySite(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	src := filepath.Join(root, statfixture.ExampleSite)
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// inSite names the example's statistics files inside a copied site.
func inSite(dir string, files ...string) []string {
	var out []string
	for _, f := range files {
		rel, _ := filepath.Rel(statfixture.ExampleSite, f)
		out = append(out, filepath.Join(dir, rel))
	}
	return out
}

func evaluation(t *testing.T, dir string) []byte {
	t.Helper()
	s, probs := site.Load(dir, "")
	if probs.Err() != nil {
		t.Fatalf("%s: %v", dir, probs)
	}
	out, err := s.Evaluate().JSON()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The example's statistics files are what scripts/statexport derives from its school table.
func TestExampleFilesUpToDate(t *testing.T) {
	files, err := statfixture.Example(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		have, err := os.ReadFile(filepath.Join(root, f.Path))
		if err != nil {
			t.Fatalf("%v (run go run ./scripts/statexport)", err)
		}
		if !bytes.Equal(have, f.Data) {
			t.Errorf("%s differs from what scripts/statexport writes", f.Path)
		}
	}
}

// Imported into the example site, the statistics and the roster agree with every cell the
// county typed, and the merged table evaluates exactly as the typed one: every figure.
func TestImportMergedEvaluatesAsTyped(t *testing.T) {
	dir := copySite(t)
	files := inSite(dir, exampleExport, exampleRoster,
		filepath.Join(statfixture.ExampleDir, "基层表", "湘水县实验学校.xlsx"), filepath.Join(statfixture.ExampleDir, "基层表", "湘水县第一中学.xlsx"))
	rep, probs := Run(RunOptions{Site: dir, Files: files})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	if len(probs) != 0 {
		t.Errorf("problems: %v", probs)
	}
	if len(rep.Result.Changes) != 0 {
		t.Errorf("changes: %v", rep.Result.Changes)
	}
	if rep.Out != ImportFile || rep.Merged != "data/schools.csv" || len(rep.Result.Rows) != 35 {
		t.Fatalf("report: %+v", rep)
	}
	want := evaluation(t, filepath.Join(root, statfixture.ExampleSite))
	os.Remove(filepath.Join(dir, "data/schools.csv"))
	if err := os.Rename(filepath.Join(dir, ImportFile), filepath.Join(dir, TableFile)); err != nil {
		t.Fatal(err)
	}
	got := evaluation(t, dir)
	// The findings name the table they come from; everything else must be identical.
	got = bytes.ReplaceAll(got, []byte("data/schools.xlsx"), []byte("data/schools.csv"))
	if !bytes.Equal(got, want) {
		t.Errorf("evaluation of the imported table differs from the typed one\n%s", firstDiff(got, want))
	}
}

func firstDiff(a, b []byte) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			lo := max(0, i-200)
			return "got:  " + string(a[lo:min(len(a), i+200)]) + "\nwant: " + string(b[lo:min(len(b), i+200)])
		}
	}
	return "lengths differ"
}

// Without a table, the import writes data/schools.xlsx: every column the statistics and the
// roster hold has the typed value, except 最大班额, which is the end of its band, and the areas,
// which are the statistics' own figures beside 室内体育用房面积 (the typed table has the R4/R5
// rule applied); the columns they do not hold are blank.
func TestImportNewTable(t *testing.T) {
	dir := copySite(t)
	typed, probs := data.LoadTable(filepath.Join(dir, "data/schools.csv"), "data/schools.csv")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	derived, err := statfixture.Derive(typed, "")
	if err != nil {
		t.Fatal(err)
	}
	statArea := map[string]func(s *statfixture.School) float64{
		"teaching_area":      func(s *statfixture.School) float64 { return s.TeachingWithGym },
		"sports_area":        func(s *statfixture.School) float64 { return s.SportsGround },
		"indoor_sports_area": func(s *statfixture.School) float64 { return s.Indoor },
	}
	os.Remove(filepath.Join(dir, "data/schools.csv"))
	rep, probs := Run(RunOptions{Site: dir, Files: inSite(dir, exampleExport, exampleRoster)})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	if rep.Out != TableFile || rep.Merged != "" {
		t.Fatalf("report: %+v", rep)
	}
	if w := probs.Warnings(); len(w) != 1 || !strings.Contains(w[0].Message, "最大班额") {
		t.Errorf("want one warning about 最大班额, got %v", w)
	}
	got, probs := data.LoadTable(filepath.Join(dir, TableFile), TableFile)
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	notInStatistics := []string{"boarding", "built_year", "shared_pe_art_teachers", "extra_sports_area", "music_rooms", "music_room_min_area",
		"art_rooms", "art_room_min_area", "funded_students", "public_fund_per_student", "public_fund_budget", "training_fund"}
	for i, s := range typed.Schools {
		g := &got.Schools[i]
		for _, c := range data.Columns {
			if c.Key == "equipment_value_yuan" {
				continue
			}
			want, have := c.Format(&s), c.Format(g)
			if area, ok := statArea[c.Key]; ok {
				want = strconv.FormatFloat(area(derived[i]), 'f', -1, 64)
			}
			switch {
			case slices.Contains(notInStatistics, c.Key):
				if have != "" && c.Blank == data.Missing {
					t.Errorf("%s %s: %q, want blank (not in the statistics)", s.Name, c.Header, have)
				}
			case strings.HasSuffix(c.Key, "_max_class"):
				w, _ := strconv.Atoi(want)
				h, _ := strconv.Atoi(have)
				end := 0
				for _, b := range statfixture.Bands {
					if w >= b.Lo && w <= b.Hi {
						end = b.Hi
						if b.Hi > 1000 {
							end = b.Lo
						}
					}
				}
				if (want == "") != (have == "") || want != "" && h != end {
					t.Errorf("%s %s: %q, want the end of the band of %q", s.Name, c.Header, have, want)
				}
			case want != have:
				t.Errorf("%s %s: %q, want %q", s.Name, c.Header, have, want)
			}
		}
	}
}

// Every row of the 来源 sheet names a cell that holds the value it quotes, and the cells of a
// written value add up to it.
func TestSourcesPointAtCells(t *testing.T) {
	dir := copySite(t)
	files := inSite(dir, exampleExport, filepath.Join(statfixture.ExampleDir, "基层表", "湘水县实验学校.xlsx"))
	rep, probs := Run(RunOptions{Site: dir, Files: files})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	out, err := excelize.OpenFile(filepath.Join(dir, rep.Out))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	rows, _ := out.GetRows(SourceSheet)
	if !slices.Equal(rows[0], SourceHeader) {
		t.Fatalf("header %q", rows[0])
	}
	col := func(name string) int { return slices.Index(SourceHeader, name) }
	opened := map[string]*excelize.File{}
	defer func() {
		for _, f := range opened {
			f.Close()
		}
	}()
	type key struct{ code, column string }
	sums := map[key]int64{}
	written := map[key]string{}
	checked := 0
	for _, r := range rows[1:] {
		get := func(name string) string {
			if i := col(name); i < len(r) {
				return r[i]
			}
			return ""
		}
		file, sheet, cell := get("来源文件"), get("工作表"), get("单元格")
		if cell == "" {
			continue
		}
		f := opened[file]
		if f == nil {
			if f, err = excelize.OpenFile(file); err != nil {
				t.Fatal(err)
			}
			opened[file] = f
		}
		v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if err != nil || v != get("单元格的值") {
			t.Errorf("%s %s!%s holds %q, 来源 says %q", file, sheet, cell, v, get("单元格的值"))
		}
		checked++
		k := key{get("学校代码"), get("列")}
		written[k] = get("写入值")
		n, _ := parseNumber(v)
		switch get("运算") {
		case "−":
			sums[k] -= n
		case "班额段":
			sums[k] = -1
		default:
			sums[k] += n
		}
	}
	if checked < 35*20 {
		t.Fatalf("only %d source cells", checked)
	}
	for k, sum := range sums {
		if sum < 0 || k.column == "学校类型" || k.column == "办学性质" || k.column == "城乡类别" || k.column == "学校代码" || k.column == "学校名称" {
			continue
		}
		if w, _ := parseNumber(written[k]); w != sum {
			t.Errorf("%s %s: written %s, its cells add up to %s", k.code, k.column, written[k], formatNumber(sum))
		}
	}
}
