package config

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	c, probs := Parse([]byte("county = \"示例县\"\nyear = 2025\ndate = \"2025-10-15\"\n"))
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	if c.Standard.Profile != "national-2017" || c.ReportTitle() != "示例县义务教育优质均衡发展自评报告" {
		t.Errorf("defaults: %+v, %s", c, c.ReportTitle())
	}
	tests := []struct{ src, want string }{
		{"county = \"示例县\"\ndate = \"2025/10/15\"\n", `site.toml「date」: "2025/10/15" 日期应写成 2025-10-15 的形式`},
		{"county = \"示例县\"\nyear = 25\n", `「year」: "25" 不是有效的评估年度`},
		{"year = 2025\n", "缺少县（市、区）名称"},
		{"county = \"示例县\"\n[standrad]\nprofile = \"x\"\n", `site.toml 第2行「standrad」: 未知的键，是否为「standard」？`},
		{"county = \"示例县\"\nyear = \"2025\"\n", "site.toml 第2行「year」: 类型不符：填写的是文字（带引号），这里需要整数"},
	}
	for _, tt := range tests {
		_, probs := Parse([]byte(tt.src))
		if !strings.Contains(probs.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v, want %q", tt.src, probs, tt.want)
		}
	}
}
