package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// youjun rollup of the two examples (sites), options after the inputs: it says what it found,
// writes rollup.json, and the example's figures are eval --json's.
func TestRollupCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r")
	code, stdout, stderr := runCLI("rollup", "../..", "../../examples/hunan", "--out", out, "--date", "2025-11-20")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "共 2 个县：达到 1，未达到 1，待补充 0，无法评估 0") {
		t.Errorf("stdout:\n%s", stdout)
	}
	src, err := os.ReadFile(filepath.Join(out, "rollup.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Counties []struct {
			Name    string `json:"name"`
			Verdict string `json:"verdict"`
			Levels  []struct {
				Indicators []struct {
					CV float64 `json:"cv"`
				} `json:"indicators"`
			} `json:"levels"`
		} `json:"counties"`
	}
	json.Unmarshal(src, &r)
	_, evalOut, _ := runCLI("eval", "--site", "../..", "--json")
	var e struct {
		Conclusion string `json:"conclusion"`
		Resource   struct {
			Primary struct {
				Indicators []struct {
					CV float64 `json:"cv"`
				} `json:"indicators"`
			} `json:"primary"`
		} `json:"resource"`
	}
	json.Unmarshal([]byte(evalOut), &e)
	for _, c := range r.Counties {
		if c.Name == "示例县" && (c.Verdict != e.Conclusion || c.Levels[0].Indicators[0].CV != e.Resource.Primary.Indicators[0].CV) {
			t.Errorf("示例县 %s %v, eval %s %v", c.Verdict, c.Levels[0].Indicators[0].CV, e.Conclusion, e.Resource.Primary.Indicators[0].CV)
		}
	}
}

func TestRollupUsage(t *testing.T) {
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"rollup"}, exitUsage, "请给出至少一个输入"},
		{[]string{"rollup", "--date", "2025/1/1", "../.."}, exitUsage, "--date 应写成 YYYY-MM-DD"},
		{[]string{"rollup", "--bogus", "../.."}, exitUsage, "未知的选项 --bogus"},
		{[]string{"rollup", "no-such-folder"}, exitError, "no-such-folder"},
		{[]string{"rollup", "--out", "../..", "../.."}, exitError, "输出目录不能是输入目录本身"},
	} {
		code, _, stderr := runCLI(tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d, %q", tt.args, code, stderr, tt.code, tt.want)
		}
	}
	code, stdout, _ := runCLI("rollup", "--help")
	if code != exitOK || !strings.Contains(stdout, "市、省级汇总") {
		t.Errorf("help: %d %s", code, stdout)
	}
}
