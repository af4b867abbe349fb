package config

import (
	"strings"
	"testing"
)

func TestFurniture(t *testing.T) {
	tests := []struct {
		toml      string
		mark      string
		signature []string
		err       string
	}{
		{``, "征求意见稿", []string{"甲县教育局", "2025年10月15日"}, ""},
		{"[pdf]\ndraft_mark = \"草稿\"\nsignature = false\n", "草稿", nil, ""},
		{"[pdf]\ndraft_mark = \"草稿\\n第二行\"\n", "", nil, "第5行「pdf.draft_mark」"},
		{"[pdf]\ndraft_mark = \" 草稿\"\n", "", nil, "首尾不能有空格"},
		{"[pdf]\ndraft_mark = \"" + strings.Repeat("稿", 21) + "\"\n", "", nil, "不超过 20 个字"},
	}
	for _, tt := range tests {
		c, probs := Parse([]byte("county = \"甲县\"\nbureau = \"甲县教育局\"\ndate = \"2025-10-15\"\n" + tt.toml))
		if tt.err != "" {
			if !strings.Contains(probs.Error(), tt.err) {
				t.Errorf("%q: problems %v, want %q", tt.toml, probs, tt.err)
			}
			continue
		}
		if len(probs) > 0 {
			t.Fatalf("%q: %v", tt.toml, probs)
		}
		if got := c.DraftMarkText(); got != tt.mark {
			t.Errorf("%q: mark %q, want %q", tt.toml, got, tt.mark)
		}
		if got := c.Signature(); got != (len(tt.signature) > 0) {
			t.Errorf("%q: 落款 %v, want %q", tt.toml, got, tt.signature)
		}
	}
}
