package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/testsite"
)

// A panic in a command exits 1 with a Chinese report and the stack, never 2 (usage).
func TestPanicExitsOne(t *testing.T) {
	cmds := map[string]subcommand{
		"boom": func([]string, io.Writer, io.Writer) int { panic("kaboom") },
		"fine": func([]string, io.Writer, io.Writer) int { return exitOK },
	}
	var out, errb bytes.Buffer
	if code := dispatch(cmds, []string{"boom", "--x"}, &out, &errb); code != exitError {
		t.Errorf("exit %d after a panic", code)
	}
	msg := errb.String()
	for _, want := range []string{"youjun 内部错误，请把以下信息报告给开发者：kaboom", "goroutine", "exit_test.go"} {
		if !strings.Contains(msg, want) {
			t.Errorf("stderr lacks %q:\n%s", want, msg)
		}
	}
	if code := dispatch(cmds, []string{"fine"}, &out, &errb); code != exitOK {
		t.Errorf("exit %d", code)
	}
	if code := dispatch(cmds, []string{"nope"}, &out, &errb); code != exitUsage {
		t.Errorf("exit %d for an unknown command", code)
	}
}

// build refuses an output folder that holds the user's files with exit 1, a Chinese message,
// and nothing deleted; --only with a wrong value is a usage error.
func TestBuildRefusesOut(t *testing.T) {
	site := testsite.Copy(t, "../..")
	mine := filepath.Join(site, "mine")
	os.MkdirAll(mine, 0o755)
	os.WriteFile(filepath.Join(mine, "thesis.docx"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(site, "output"), []byte("a file"), 0o644)
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"build", "--site", site, "--out", filepath.Join(site, "data")}, 1, "输出目录不能放在站点的 data/ 中"},
		{[]string{"build", "--site", site, "--out", filepath.Join(site, "content"), "--only", "pdf"}, 1, "输出目录不能放在站点的 content/ 中"},
		{[]string{"build", "--site", site, "--out", site}, 1, "不能是站点目录本身"},
		{[]string{"build", "--site", site, "--out", mine, "--only", "html"}, 1, "不是 youjun 生成的"},
		{[]string{"build", "--site", site}, 1, "已有同名的文件"},
		{[]string{"build", "--site", site, "--only", "word"}, 2, "--only 只能是 html、pdf 或 docx"},
	} {
		code, out, stderr := runCLI(tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.want) {
			t.Errorf("youjun %v: exit %d, output %q; want exit %d and %q", tt.args, code, out+stderr, tt.code, tt.want)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(mine, "thesis.docx")); string(b) != "x" {
		t.Error("thesis.docx is gone")
	}
	if b, _ := os.ReadFile(filepath.Join(site, "output")); string(b) != "a file" {
		t.Error("the file named output was replaced")
	}
	if _, err := os.Stat(filepath.Join(site, "data", "county.toml")); err != nil {
		t.Error("data/county.toml is gone")
	}
}
