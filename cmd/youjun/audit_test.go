package main

import (
	"strings"
	"testing"
)

// check prints the audit's findings in their own section and passes all the same.
func TestCheckPrintsAudit(t *testing.T) {
	code, out, stderr := runCLI("check", "--site", "../..")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := "一致性核查（提示，不影响结论），共 1 条：\n  【数据自洽】\n    data/schools.csv\n      第72行「小学最大班额」: \"24\" 清水乡上坪教学点：最大班额 24 人，多于小学在校生 23 人\n"
	if !strings.Contains(out, want) || !strings.Contains(out, "\n检查通过") {
		t.Errorf("stdout:\n%s\nwant\n%s", out, want)
	}
	code, out, _ = runCLI("check", "--site", "../../examples/hunan")
	if code != 0 || strings.Contains(out, "一致性核查") {
		t.Errorf("Hunan: exit %d, %s", code, out)
	}
}
