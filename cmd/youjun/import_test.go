package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	example := filepath.Join("..", "..", "examples", "hunan")
	for _, f := range []string{"site.toml", "data/schools.csv"} {
		b, err := os.ReadFile(filepath.Join(example, f))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755)
		os.WriteFile(filepath.Join(dir, f), b, 0o644)
	}
	stats := filepath.Join(example, "data", "事业统计")
	export := filepath.Join(stats, "湘水县2025年学校基本情况汇总.xlsx")
	roster := filepath.Join(stats, "湘水县2025年教师花名册.csv")
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"import", "--help"}, 0, "从教育事业统计"},
		{[]string{"import", "--site", dir}, 2, "请给出要导入的文件"},
		{[]string{"import", "--mapping"}, 0, "[columns.teaching_area]"},
		{[]string{"import", "--site", dir, "nope.xlsx"}, 1, "  nope.xlsx\n    无法读取：文件或目录不存在"},
		{[]string{"import", export, "--site", dir, roster}, 0, "统计数据与表中各项一致，没有改动。\n已写入 data/schools.导入.xlsx：35 所学校"},
		{[]string{"import", "--site", dir, "--replace", export}, 0, "原表已改名备份为 data/schools.导入前.csv"},
	}
	for _, tt := range tests {
		code, out, stderr := runCLI(tt.args...)
		if code != tt.code || !strings.Contains(out+stderr, tt.want) {
			t.Errorf("youjun %v: exit %d, output %q; want exit %d and %q", tt.args, code, out+stderr, tt.code, tt.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "schools.xlsx")); err != nil {
		t.Error(err)
	}
}

// After youjun new, the 填报模板 holds example rows only: the import takes its place, keeping it
// as a backup, instead of listing every school as added.
func TestImportIntoNewSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "湘水县")
	if code, _, stderr := runCLI("new", dir, "--name", "湘水县"); code != 0 {
		t.Fatal(stderr)
	}
	os.WriteFile(filepath.Join(dir, "site.toml"), append(mustRead(t, filepath.Join(dir, "site.toml")), "\n[import]\nbranches = \"单列\"\n"...), 0o644)
	export := filepath.Join("..", "..", "examples", "hunan", "data", "事业统计", "湘水县2025年学校基本情况汇总.xlsx")
	code, out, stderr := runCLI("import", "--site", dir, export)
	if code != 0 || !strings.Contains(out, "原表 data/schools.xlsx 中没有学校数据（只有填报模板的示例行），已改名备份为 data/schools.导入前.xlsx") ||
		strings.Contains(stderr, "已加在表末") {
		t.Errorf("exit %d\n%s\n%s", code, out, stderr)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
