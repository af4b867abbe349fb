package config

import (
	"strings"
	"testing"
)

func TestImportBranches(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want string
	}{
		{"county = \"某县\"\n[import]\nbranches = \"合并\"\n", ""},
		{"county = \"某县\"\n[import]\nbranches = \"单列\"\n", ""},
		{"county = \"某县\"\n", ""},
		{"county = \"某县\"\n[import]\nbranches = \"并入\"\n", `site.toml 第3行「import.branches」: "并入" 只能是「合并」（并入所属学校）或「单列」（作为独立校区）`},
		{"county = \"某县\"\n[import]\nbranch = \"合并\"\n", "是否为「branches」"},
	} {
		_, probs := Parse([]byte(tt.src))
		got := ""
		if len(probs) > 0 {
			got = probs.Error()
		}
		if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("%q: got %q, want %q", tt.src, got, tt.want)
		}
	}
}
