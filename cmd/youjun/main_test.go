package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rivo/uniseg"

	"github.com/youjun-edu/youjun/internal/diag"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestEvalExample(t *testing.T) {
	code, out, stderr := runCLI("eval", "--site", "../..")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"示例县 县域义务教育优质均衡发展评估", "结论：未达到", "未达到（4项）", "示例县第三小学", "R5 生均体育运动场馆面积", "达到（临界）", "教学点在校生不足50人（49人）"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q", want)
		}
	}
	// What fails comes before the tables.
	if strings.Index(out, "未达到（") > strings.Index(out, "一、资源配置") {
		t.Error("failures are not listed first")
	}
}

// Columns line up by display width, a Chinese character counting as two cells.
func TestSummaryAlignment(t *testing.T) {
	_, out, _ := runCLI("eval", "--site", "../..")
	var starts []int
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "  R") && strings.Contains(line, "  小学  ") {
			i := strings.Index(line, "  小学  ")
			starts = append(starts, uniseg.StringWidth(line[:i]))
		}
	}
	if len(starts) != 7 {
		t.Fatalf("found %d indicator rows", len(starts))
	}
	for _, s := range starts[1:] {
		if s != starts[0] {
			t.Fatalf("学段 column starts at widths %v", starts)
		}
	}
}

func TestEvalJSON(t *testing.T) {
	code, out, stderr := runCLI("eval", "--site", "../..", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden, err := os.ReadFile("../../internal/site/testdata/example-evaluation.json")
	if err != nil {
		t.Fatal(err)
	}
	if out != string(golden) {
		t.Error("eval --json differs from the golden evaluation.json")
	}
}

func TestEvalDataOnly(t *testing.T) {
	code, out, stderr := runCLI("eval", "--data", "../../data/schools.csv", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var res struct {
		Conclusion string `json:"conclusion"`
		Units      []any  `json:"units"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	// Three units fail, so the verdict is 未达到 even without county figures.
	if res.Conclusion != "未达到" || len(res.Units) != 83 {
		t.Errorf("conclusion %s, %d units", res.Conclusion, len(res.Units))
	}
	dir := t.TempDir()
	csv := "学校代码,学校名称,学校类型,小学在校生数\nA,甲小学,小学,300\nB,乙小学,小学,400\n"
	os.WriteFile(filepath.Join(dir, "t.csv"), []byte(csv), 0o644)
	_, out, _ = runCLI("eval", "--data", filepath.Join(dir, "t.csv"))
	if !strings.Contains(out, "结论：待补充") {
		t.Errorf("a bare table must give 待补充:\n%s", out)
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "site.toml"), []byte("county = \"测试县\"\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "data"), 0o755)
	os.WriteFile(filepath.Join(dir, "data", "schools.csv"), []byte("学校代码,学校名称,学校类型,小学在校生数\nA,甲,小学,约300\n"), 0o644)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "用法"},
		{[]string{"--help"}, 0, "县域义务教育优质均衡发展自评报告生成工具"},
		{[]string{"frobnicate"}, 2, "未知的命令「frobnicate」"},
		{[]string{"eval", "--help"}, 0, "评估本县数据"},
		{[]string{"check", "--help"}, 0, "检查站点的数据"},
		{[]string{"eval", "--nope"}, 2, "未知的选项 --nope"},
		{[]string{"eval", "--site"}, 2, "这个选项需要一个值：--site"},
		// The flag package's own English ("for flag", "parse error") is translated.
		{[]string{"serve", "--port", "abc"}, 2, "选项 --port 的值 \"abc\" 格式不对"},
		{[]string{"serve", "--port", "99999999999999999999"}, 2, "选项 --port 的值 \"99999999999999999999\" 超出范围"},
		{[]string{"build", "--strict=maybe"}, 2, "选项 --strict 的值 \"maybe\" 格式不对"},
		{[]string{"eval", "extra"}, 2, "多余的参数：extra"},
		// The OS's English ("mkdir …: not a directory") is translated.
		{[]string{"new", filepath.Join(dir, "site.toml", "x")}, 1, "无法新建站点：" + filepath.Join(dir, "site.toml", "x") + "：路径中的某一级不是目录"},
		{[]string{"eval", "--site", "../..", "--data", "x.csv"}, 2, "只能选一个"},
		{[]string{"eval", "--site", dir}, 1, "  data/schools.csv\n    第2行「小学在校生数」: \"约300\" 不是数字"},
		{[]string{"check", "--site", dir}, 1, "发现 1 处错误"},
		{[]string{"check", "--site", "../.."}, 0, "检查通过"},
		{[]string{"eval", "--site", "../..", "--profile", "national-2071"}, 1, "是否为「national-2017」"},
	}
	for _, tt := range tests {
		code, out, stderr := runCLI(tt.args...)
		if code != tt.code || !strings.Contains(out+stderr, tt.want) {
			t.Errorf("youjun %v: exit %d, output %q; want exit %d and %q", tt.args, code, out+stderr, tt.code, tt.want)
		}
	}
}

// "发现 230 处错误" counted the 30 lines "另有 K 处同类问题未列出" as errors, and they came first.
func TestPrintCappedProblems(t *testing.T) {
	var l diag.List
	for row := 2; row < 100; row++ {
		l.Add("data/schools.csv", row, "小学在校生数", "x", "不是数字")
	}
	var b strings.Builder
	printProblems(&b, l.Cap(20, 200))
	got := b.String()
	if !strings.HasPrefix(got, "发现 20 处错误（另有同类问题未列出，见下）：\n") || !strings.HasSuffix(got, "「小学在校生数」: 另有 78 处同类问题未列出\n") {
		t.Errorf("output:\n%s", got)
	}
}

// Options and operands come in any order; "--" ends the options; a wrong option stops.
func TestParseMixed(t *testing.T) {
	for _, tt := range []struct {
		args     []string
		operands string
		site     string
		stop     bool
	}{
		{[]string{"a.zip"}, "a.zip", ".", false},
		{[]string{"--site", "s", "a.zip", "b.csv"}, "a.zip b.csv", "s", false},
		{[]string{"a.zip", "--site", "s", "b.csv"}, "a.zip b.csv", "s", false},
		{[]string{"a.zip", "--site=s"}, "a.zip", "s", false},
		{[]string{"--site", "s", "--", "-名字以减号开头.csv", "--site"}, "-名字以减号开头.csv --site", "s", false},
		{[]string{"a.zip", "--nope"}, "", ".", true},
		{nil, "", ".", false},
	} {
		fs := newFlags("t", "t")
		site := fs.String("site", ".", "")
		ops, _, stop := fs.parseMixed(tt.args, io.Discard, io.Discard)
		if stop != tt.stop || !stop && (strings.Join(ops, " ") != tt.operands || *site != tt.site) {
			t.Errorf("%q: operands %q, site %q, stop %v", tt.args, ops, *site, stop)
		}
	}
}
