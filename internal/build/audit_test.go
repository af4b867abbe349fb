package build

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/audit"
	"github.com/youjun-edu/youjun/internal/testsite"
)

// auditSite is a copy of the example with last year's table (示例县第一小学's rooms 25 %
// smaller: this year's are a third more, a jump) and two teacher rosters that both count one
// teacher.
func auditSite(t *testing.T) string {
	t.Helper()
	dir := testsite.Copy(t, "../..")
	src, err := os.ReadFile(filepath.Join(dir, "data", "schools.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// Last year every school's funds were for one student more (no row is copied), and 第一小学
	// had less room.
	recs, err := csv.NewReader(strings.NewReader(string(src))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs[1:] {
		if n, err := strconv.Atoi(r[33]); err == nil && n > 0 {
			r[33] = strconv.Itoa(n + 1)
		}
	}
	var b strings.Builder
	csv.NewWriter(&b).WriteAll(recs)
	prev := strings.Replace(b.String(), ",9611.5,", ",7208.6,", 1)
	write := func(rel, text string) {
		path := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("data/history/2024/schools.csv", prev)
	head := "学校代码,学校名称,工号,姓名,任教学段,最高学历,骨干级别,任教学科,教师资格证学段,是否专任,是否交流轮岗,编制\n"
	write("data/事业统计/一小教师花名册.csv", head+"3612340001,示例县第一小学,T0001,赵娟丽,小学,本科,无,语文,小学,是,否,在编\n")
	write("data/事业统计/二小/二小教师花名册.csv", head+"3612340002,示例县第二小学,T0002,胡萍勇,小学,本科,无,语文,小学,是,否,在编\n"+
		"3612340002,示例县第二小学,T0001,赵娟丽,小学,本科,无,语文,小学,是,否,在编\n")
	return dir
}

// check lists the audit's findings apart: they are not warnings, and the example still passes.
// The earlier year's table is an input of the report.
func TestAuditInCheck(t *testing.T) {
	dir := auditSite(t)
	res, probs := Run(Options{Site: dir, DryRun: true})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
	got := lines(res.Audit)
	for _, want := range []string{
		"【数据自洽】data/schools.csv 第72行「小学最大班额」",
		"【逐年比对】data/schools.csv 第2行「教学及辅助用房面积」: \"9611.5\" 示例县第一小学：R4 生均教学及辅助用房面积由2024年的 5 变为2025年的 6.66 平方米（+33.33%",
		"【教师花名册】data/事业统计/二小/二小教师花名册.csv 第3行: \"T0001\" 示例县第二小学：教师 T0001（赵娟丽）也在示例县第一小学（3612340001）的花名册中（data/事业统计/一小教师花名册.csv 第2行）",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("audit lacks %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "\n"); n != 3 {
		t.Errorf("%d findings, want 3:\n%s", n, got)
	}
	p, probs := Prepare(Options{Site: dir}, func(_ string, f func()) { f() })
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	if !strings.Contains(string(p.JSON), `"path": "data/history/2024/schools.csv"`) && !strings.Contains(string(p.JSON), `"path":"data/history/2024/schools.csv"`) {
		t.Error("evaluation.json does not list the previous year's table among its inputs")
	}
}

// A wrong key of [audit] max_change_by is an error of site.toml; the ratios apply.
func TestAuditOptions(t *testing.T) {
	dir := auditSite(t)
	toml := filepath.Join(dir, "site.toml")
	src, _ := os.ReadFile(toml)
	os.WriteFile(toml, append(src, "\n[audit.max_change_by]\n\"R44\" = 0.5\n"...), 0o644)
	_, probs := Run(Options{Site: dir, DryRun: true})
	if msg := probs.Error(); !strings.Contains(msg, "site.toml 第") || !strings.Contains(msg, "「audit.max_change_by.R44」: 评估标准中没有这项指标") || !strings.Contains(msg, "是否为「R4」") {
		t.Errorf("got %s", msg)
	}
	os.WriteFile(toml, append(src, "\n[audit.max_change_by]\n\"R4\" = 0.34\n"...), 0o644)
	res, probs := Run(Options{Site: dir, DryRun: true})
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	if got := lines(res.Audit); strings.Contains(got, "R4 生均") {
		t.Errorf("R4 at 0.34 still flags a change of 33.33 %%:\n%s", got)
	}
}

func lines(fs []audit.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString("【" + f.Kind.String() + "】" + f.Problem().String() + "\n")
	}
	return b.String()
}
