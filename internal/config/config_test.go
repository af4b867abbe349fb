package config

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"
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
		{"county = \"示例县\"\ndate = \"2025/10/15\"\n", `site.toml 第2行「date」: "2025/10/15" 不是有效的日期，应写成 YYYY-MM-DD 的形式，如 2025-10-15`},
		{"county = \"示例县\"\nyear = 25\n", `第2行「year」: "25" 不是有效的评估年度（应为 2017–2100 之间的年份，如 2025）`},
		{"year = 2025\n", "缺少县（市、区）名称"},
		{"county = \"示例县\"\ncode = \"36012\"\n", `site.toml 第2行「code」: "36012" 行政区划代码应为 6 位数字（GB/T 2260，如 360123），请核对`},
		{"county = \"示例县\"\ncode = \"036012\"\n", `「code」: "036012" 行政区划代码应为 6 位数字`},
		{"county = \"示例县\"\n[standrad]\nprofile = \"x\"\n", `site.toml 第2行「standrad」: 未知的键，是否为「standard」？`},
		{"county = \"示例县\"\nyear = \"2025\"\n", "site.toml 第2行「year」: 类型不符：填写的是文字（带引号），这里需要整数"},
		{"county = \"示例县\"\n[pdf.style]\nbody_size = nan\n", `site.toml 第3行「pdf.style.body_size」: "NaN" 应在 8 到 24 之间`},
	}
	for _, tt := range tests {
		_, probs := Parse([]byte(tt.src))
		if !strings.Contains(probs.Error(), tt.want) {
			t.Errorf("Parse(%q) = %v, want %q", tt.src, probs, tt.want)
		}
	}
}

// TestParseDate is the regression test for date = "2025-13-45", which was dropped silently.
func TestParseDate(t *testing.T) {
	for _, d := range []string{"2025-13-45", "2025-02-30", "2025-1-5", "15.10.2025", "2025-10-15T08:00:00"} {
		_, probs := Parse([]byte("county = \"示例县\"\n\ndate = \"" + d + "\"\n"))
		want := `site.toml 第3行「date」: "` + d + `" 不是有效的日期，应写成 YYYY-MM-DD 的形式，如 2025-10-15`
		if probs.Err() == nil || probs.Error() != want {
			t.Errorf("date %q: %v, want %s", d, probs, want)
		}
	}
	_, probs := Parse([]byte("county = \"示例县\"\ndate = 2025-13-45\n"))
	if !strings.Contains(probs.Error(), `第2行「date」: TOML 格式错误：「2025-13-45」不是有效的日期时间`) {
		t.Errorf("unquoted date: %v", probs)
	}
}

// TestCountyName is the regression test for county = "../../evil" (the PDF was written outside
// output/) and county = "某市/某县" (a subfolder).
func TestCountyName(t *testing.T) {
	for _, name := range []string{"../../evil", "某市/某县", `某市\某县`, ".hidden", "示例县:", "示例县?", "a\tb", strings.Repeat("县", 51), " 示例县", "示例县.", "<县>", `"县"`, "县|", "县*",
		"示例\u202e县", "示例\u200b县"} { // a right-to-left override turned 县fdp.exe into 县exe.pdf on screen
		src := "county = " + quote(name) + "\n"
		c, probs := Parse([]byte(src))
		if probs.Err() == nil || !strings.Contains(probs.Error(), "site.toml 第1行「county」") || !strings.Contains(probs.Error(), "县名会用作 PDF 的文件名，") {
			t.Errorf("county %q: %v", name, probs)
		}
		// Defence in depth: even an unvalidated Config names a file, not a path.
		if c != nil {
			if pdf := c.PDFName(); strings.ContainsAny(pdf, `/\<>:"|?*`+"\t") || strings.HasPrefix(pdf, ".") {
				t.Errorf("PDFName for %q = %q", name, pdf)
			}
		}
	}
	for _, name := range []string{"../../evil", "某市/某县", "..", "", "\x00", "县\u202efdp.exe"} {
		c := &Config{County: name}
		if pdf := c.PDFName(); strings.ContainsAny(pdf, `/\`+"\u202e") || strings.HasPrefix(pdf, ".") || strings.ContainsRune(pdf, 0) {
			t.Errorf("PDFName(%q) = %q", name, pdf)
		}
	}
	if c := (&Config{County: "示例县"}); c.PDFName() != "示例县义务教育优质均衡发展自评报告.pdf" {
		t.Errorf("PDFName = %q", c.PDFName())
	}
}

func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\t", `\t`).Replace(s) + `"`
}

// TestParseReportsAll checks that site.toml's problems all appear in one run, each on its line.
func TestParseReportsAll(t *testing.T) {
	src := "county = \"某市/某县\"\nyear = 3000\ndate = \"2025-13-45\"\ntitel = \"x\"\n[pdf.style]\nbody_size = \"大\"\n[standard.override]\n\"R6.primary\" = \"x\"\n"
	c, probs := Parse([]byte(src))
	for _, w := range []string{"第1行「county」", "第2行「year」", "第3行「date」", "第4行「titel」: 未知的键，是否为「title」？", "第6行「pdf.style.body_size」: 类型不符", `第8行「standard.override."R6.primary"」: 类型不符`} {
		if !strings.Contains(probs.Error(), w) {
			t.Errorf("problems\n%v\nlack %s", probs, w)
		}
	}
	if c == nil || c.Standard.Profile != "national-2017" {
		t.Errorf("the profile could not be determined: %+v", c)
	}
	if got := c.Line("standard.override.R6.primary"); got != 8 {
		t.Errorf("Line = %d", got)
	}
}

// FuzzParseConfig checks that no site.toml makes Parse panic, that every message is Chinese
// with the file name, and that an accepted county names a file, never a path.
func FuzzParseConfig(f *testing.F) {
	for _, path := range []string{"../../site.toml", "../../examples/hunan/site.toml"} {
		if src, err := os.ReadFile(path); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte("county = \"../../evil\"\ndate = \"2025-13-45\"\n[standard.override]\n\"R6.primary\" = nan\n"))
	f.Add([]byte("county = \"某市/某县\"\nyear = 99999999999\n[pdf.style]\nbody_size = inf\n"))
	english := regexp.MustCompile(`expected|found|unexpected|invalid|cannot|toml: |already|instead`)
	f.Fuzz(func(t *testing.T, src []byte) {
		c, probs := Parse(src)
		for _, p := range probs {
			if p.File != FileName || p.Message == "" || english.MatchString(p.Message) {
				t.Fatalf("problem %q", p.String())
			}
		}
		if c == nil {
			if probs.Err() == nil {
				t.Fatal("nil config without an error")
			}
			return
		}
		if pdf := c.PDFName(); strings.ContainsAny(pdf, `/\`) || strings.HasPrefix(pdf, ".") || strings.ContainsFunc(pdf, unicode.IsControl) {
			t.Fatalf("PDFName = %q", pdf)
		}
		if probs.Err() != nil {
			return
		}
		if checkName(c.County) != "" || c.County == "" {
			t.Fatalf("county %q accepted", c.County)
		}
		if _, err := time.Parse(time.DateOnly, c.Date); c.Date != "" && err != nil {
			t.Fatalf("date %q accepted", c.Date)
		}
		if c.Year != 0 && (c.Year < MinYear || c.Year > MaxYear) {
			t.Fatalf("year %d accepted", c.Year)
		}
	})
}
