// Package config reads site.toml, the file that names the county, its report and the
// evaluation standard. Unknown keys are errors with a suggestion, so that a typo never silently
// drops a setting.
package config

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/standard"
	"github.com/youjun-edu/youjun/internal/tomlfile"
)

// FileName is the site configuration file at the root of a site.
const FileName = "site.toml"

// Config is the content of site.toml.
type Config struct {
	County string `toml:"county"` // 县（市、区）名, e.g. 示例县
	// Code is the county's 行政区划代码 (six digits, GB/T 2260), optional: youjun rollup keys
	// counties by it.
	Code     string   `toml:"code"`
	Province string   `toml:"province"` // 省
	City     string   `toml:"city"`     // 市
	Bureau   string   `toml:"bureau"`   // 编制单位, e.g. 示例县教育局
	Title    string   `toml:"title"`    // report title; default <县名>义务教育优质均衡发展自评报告
	Year     int      `toml:"year"`     // 评估年度
	Date     string   `toml:"date"`     // 报告日期 YYYY-MM-DD
	Standard Standard `toml:"standard"`
	// LocalTargets are 本地创建目标: stricter numbers the county set itself, by the path of the
	// number they tighten (R6.primary = 4000). They are judged beside the standard's verdict.
	LocalTargets map[string]float64 `toml:"local_targets"`
	PDF          PDF                `toml:"pdf"`
	Import       Import             `toml:"import"` // youjun import (importrule.go)
	Plan         Plan               `toml:"plan"`   // 整改与创建规划: unit costs, margin, target year (plan.go)
	Audit        Audit              `toml:"audit"`  // the consistency audit's thresholds (audit.go)

	lines tomlfile.Index // where each key is, for messages
}

// PDF configures the PDF report: fonts and the page style. Every number has a default after
// GB/T 9704-2012; a site changes only what it needs.
type PDF struct {
	// SystemFonts lets the PDF use official fonts found on this machine (default true). The
	// tests turn it off so that the output does not depend on the machine.
	SystemFonts *bool    `toml:"system_fonts"`
	Fonts       PDFFonts `toml:"fonts"`
	Style       PDFStyle `toml:"style"`

	// The 落款 and the draft mark (see furniture.go).
	DraftMark string `toml:"draft_mark"` // header of a PDF that is not final; default 征求意见稿
	Signature *bool  `toml:"signature"`  // end the body with the bureau and the date; default true
	// ThousandsSeparators keeps the separators of computed numbers in running text (1,234);
	// by default the PDF's paragraphs write 1234, as 公文 do. Tables keep them either way.
	ThousandsSeparators bool `toml:"thousands_separators"`
}

// PDFFonts are font files (.ttf, or .ttc whose first face is used) by role.
type PDFFonts struct {
	Body    string `toml:"body"`    // 正文：仿宋
	Heading string `toml:"heading"` // 一级标题：黑体
	Kai     string `toml:"kai"`     // 二级标题：楷体
	Title   string `toml:"title"`   // 标题：小标宋
}

// PDFStyle holds the page and type sizes; zero means the default.
type PDFStyle struct {
	TopMarginMM     float64 `toml:"top_margin_mm"`      // 天头 37
	BindingMarginMM float64 `toml:"binding_margin_mm"`  // 订口 28
	TextWidthMM     float64 `toml:"text_width_mm"`      // 版心宽 156
	TextHeightMM    float64 `toml:"text_height_mm"`     // 版心高 225
	BodySize        float64 `toml:"body_size"`          // 正文 16 pt（三号）
	TitleSize       float64 `toml:"title_size"`         // 标题 22 pt（二号）
	TableSize       float64 `toml:"table_size"`         // 表格 10.5 pt（五号）
	LinesPerPage    int     `toml:"lines_per_page"`     // 每页 22 行
	CharsPerLine    int     `toml:"chars_per_line"`     // 每行 28 字
	PageNumberSize  float64 `toml:"page_number_size"`   // 页码 14 pt（四号）
	PageNumberGapMM float64 `toml:"page_number_gap_mm"` // 页码距版心下边缘 7
}

// Standard selects the evaluation profile and overrides its numbers.
type Standard struct {
	Profile  string             `toml:"profile"`
	Override map[string]float64 `toml:"override"`
}

// Load reads and validates site.toml in dir.
func Load(dir string) (*Config, diag.List) {
	src, err := tomlfile.ReadFile(dir + "/" + FileName)
	if err != nil {
		if os.IsNotExist(err) || errors.Is(err, syscall.ENOTDIR) { // ENOTDIR: dir is a file
			return nil, diag.List{{File: FileName, Message: fmt.Sprintf("找不到 %s：%s 不是一个县的站点目录（可用 --site 指定目录）", FileName, dir)}}
		}
		return nil, diag.List{{File: FileName, Message: "无法读取：" + diag.SysError(err)}}
	}
	return Parse(src)
}

// Parse decodes and validates the text of site.toml. It reports every problem of the file.
// The Config is nil only when the file cannot be read as TOML at all; with other errors it
// holds what could be read, so that the caller can go on to check the data too, but it must
// not be used to build anything.
func Parse(src []byte) (*Config, diag.List) {
	var c Config
	md, probs := tomlfile.DecodeMeta(FileName, src, &c)
	if len(probs) > 0 && len(md.Keys()) == 0 {
		return nil, probs // not TOML: nothing was read
	}
	c.lines = tomlfile.NewIndex(string(src))
	add := func(key, value, format string, args ...any) {
		probs.Add(FileName, c.Line(key), key, value, format, args...)
	}
	if msg := CheckCounty(c.County); msg != "" {
		add("county", c.County, "%s", msg)
	}
	if msg := CheckCode(c.Code); msg != "" {
		add("code", c.Code, "%s", msg)
	}
	if c.Year != 0 && (c.Year < MinYear || c.Year > MaxYear) {
		add("year", fmt.Sprint(c.Year), "不是有效的评估年度（应为 %d–%d 之间的年份，如 2025）", MinYear, MaxYear)
	}
	if c.Date != "" {
		if _, err := time.Parse(time.DateOnly, c.Date); err != nil {
			add("date", c.Date, "不是有效的日期，应写成 YYYY-MM-DD 的形式，如 2025-10-15")
		}
	}
	if utf8.RuneCountInString(c.Title) > 200 || strings.ContainsFunc(c.Title, unicode.IsControl) {
		add("title", "", "报告标题不能超过 200 个字，也不能含有换行等控制字符")
	}
	st := c.PDF.Style
	for _, n := range []struct {
		key      string
		v        float64
		min, max float64
	}{
		{"pdf.style.top_margin_mm", st.TopMarginMM, 5, 100}, {"pdf.style.binding_margin_mm", st.BindingMarginMM, 5, 60},
		{"pdf.style.text_width_mm", st.TextWidthMM, 80, 180}, {"pdf.style.text_height_mm", st.TextHeightMM, 120, 260},
		{"pdf.style.body_size", st.BodySize, 8, 24}, {"pdf.style.title_size", st.TitleSize, 12, 40},
		{"pdf.style.table_size", st.TableSize, 6, 16}, {"pdf.style.lines_per_page", float64(st.LinesPerPage), 10, 60},
		{"pdf.style.chars_per_line", float64(st.CharsPerLine), 10, 60}, {"pdf.style.page_number_size", st.PageNumberSize, 8, 20},
		{"pdf.style.page_number_gap_mm", st.PageNumberGapMM, 0, 20},
	} {
		// nan fails every comparison, so test for being inside the range.
		if n.v != 0 && !(n.v >= n.min && n.v <= n.max) {
			add(n.key, fmt.Sprint(n.v), "应在 %v 到 %v 之间", n.min, n.max)
		}
	}
	if st.TopMarginMM+st.TextHeightMM > 280 || st.BindingMarginMM+st.TextWidthMM > 200 {
		add("pdf.style", "", "版心超出了 A4 纸面（210 × 297 毫米）")
	}
	probs = append(probs, c.checkFurniture()...)
	probs = append(probs, c.checkImport()...)
	probs = append(probs, c.checkPlan()...)
	probs = append(probs, c.checkAudit()...)
	if c.Standard.Profile == "" {
		c.Standard.Profile = standard.Default
	}
	return &c, probs
}

// The evaluation years site.toml accepts: the national standard dates from 2017.
const (
	MinYear = 2017
	MaxYear = 2100
)

// maxName is the longest county name, in characters: the longest real one has about ten.
const maxName = 50

// CheckCounty returns why s cannot be a county's name, or "": the name is part of the PDF's
// file name. youjun new checks the name it writes into site.toml with it.
func CheckCounty(s string) string {
	if s == "" {
		return "缺少县（市、区）名称"
	}
	if msg := checkName(s); msg != "" {
		return "县名会用作 PDF 的文件名，" + msg
	}
	return ""
}

// CheckCode returns why s cannot be a county's 行政区划代码, or "": six digits, the first
// not 0. An empty code is allowed (it is optional).
func CheckCode(s string) string {
	if s == "" {
		return ""
	}
	if len(s) != 6 || strings.Trim(s, "0123456789") != "" || s[0] == '0' {
		return "行政区划代码应为 6 位数字（GB/T 2260，如 360123），请核对"
	}
	return ""
}

// invisible reports a control character or an invisible format character: a right-to-left
// override (U+202E) makes "县fdp.exe" show as "县exe.pdf", a zero-width space hides in a name.
func invisible(r rune) bool { return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) }

// checkName returns why s cannot be a file name on Windows, macOS and Linux, or "".
func checkName(s string) string {
	switch {
	case utf8.RuneCountInString(s) > maxName:
		return fmt.Sprintf("不能超过 %d 个字", maxName)
	case strings.ContainsAny(s, `/\`):
		return "不能含有 / 或 \\（请只写本县名称，如「示例县」，不写上级市）"
	case strings.HasPrefix(s, "."):
		return "不能以点 . 开头"
	case strings.ContainsFunc(s, invisible):
		return "不能含有换行、制表符、文字方向符等控制字符或不可见字符"
	case strings.ContainsAny(s, `<>:"|?*`):
		return `不能含有 < > : " | ? * 这些字符`
	case strings.TrimSpace(s) != s || strings.HasSuffix(s, "."):
		return "首尾不能有空格，末尾不能是点"
	case !utf8.ValidString(s):
		return "含有无效的字符"
	}
	return ""
}

// safeName makes s usable as a file name whatever it holds: every character checkName
// refuses becomes "_". For a valid name it returns s unchanged.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || invisible(r) || strings.ContainsRune(`<>:"|?*`, r) || r == utf8.RuneError {
			return '_'
		}
		return r
	}, s)
	s = strings.TrimLeft(strings.TrimSpace(s), ".")
	if r := []rune(s); len(r) > maxName {
		s = string(r[:maxName])
	}
	return strings.TrimRight(s, ". ")
}

// Line returns the line of site.toml that defines the key a problem names in its column:
// "year", "pdf.style.body_size", "standard.override.R6.primary", "local_targets.R6.primary".
// Keys inside [standard.override] and [local_targets] hold dots of their own.
func (c *Config) Line(column string) int {
	for _, table := range []toml.Key{{"standard", "override"}, {"local_targets"}} {
		if path, ok := strings.CutPrefix(column, strings.Join(table, ".")+"."); ok {
			return c.lines.Line(append(table, path))
		}
	}
	return c.lines.Line(strings.Split(column, "."))
}

// UseSystemFonts reports whether the PDF may use fonts installed on this machine.
func (c *Config) UseSystemFonts() bool { return c.PDF.SystemFonts == nil || *c.PDF.SystemFonts }

// PDFName is the PDF's file name in the output folder. It never holds a path separator, even
// for a Config that Parse did not accept.
func (c *Config) PDFName() string {
	return safeName(c.County) + "义务教育优质均衡发展自评报告.pdf"
}

// ReportTitle returns the report's title.
func (c *Config) ReportTitle() string {
	if c.Title != "" {
		return c.Title
	}
	return c.County + "义务教育优质均衡发展自评报告"
}
