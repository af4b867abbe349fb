// Package config reads site.toml, the file that names the county, its report and the
// evaluation standard. Unknown keys are errors with a suggestion, so that a typo never silently
// drops a setting.
package config

import (
	"fmt"
	"os"
	"regexp"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/standard"
	"github.com/youjun-edu/youjun/internal/tomlfile"
)

// FileName is the site configuration file at the root of a site.
const FileName = "site.toml"

// Config is the content of site.toml.
type Config struct {
	County   string   `toml:"county"`   // 县（市、区）名, e.g. 示例县
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
}

// PDF configures the PDF report: fonts and the page style. Every number has a default after
// GB/T 9704-2012; a site changes only what it needs.
type PDF struct {
	// SystemFonts lets the PDF use official fonts found on this machine (default true). The
	// tests turn it off so that the output does not depend on the machine.
	SystemFonts *bool    `toml:"system_fonts"`
	Fonts       PDFFonts `toml:"fonts"`
	Style       PDFStyle `toml:"style"`
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

var dateRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// Load reads and validates site.toml in dir.
func Load(dir string) (*Config, diag.List) {
	src, err := os.ReadFile(dir + "/" + FileName)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, diag.List{{File: FileName, Message: fmt.Sprintf("找不到 %s：%s 不是一个县的站点目录（可用 --site 指定目录）", FileName, dir)}}
		}
		return nil, diag.List{{File: FileName, Message: "无法读取：" + err.Error()}}
	}
	return Parse(src)
}

// Parse decodes and validates the text of site.toml.
func Parse(src []byte) (*Config, diag.List) {
	var c Config
	if probs := tomlfile.Decode(FileName, src, &c); len(probs) > 0 {
		return nil, probs
	}
	var probs diag.List
	if c.County == "" {
		probs.Add(FileName, 0, "county", "", "缺少县（市、区）名称")
	}
	if c.Year != 0 && (c.Year < 2017 || c.Year > 2100) {
		probs.Add(FileName, 0, "year", fmt.Sprint(c.Year), "不是有效的评估年度")
	}
	if c.Date != "" && !dateRe.MatchString(c.Date) {
		probs.Add(FileName, 0, "date", c.Date, "日期应写成 2025-10-15 的形式")
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
		if n.v != 0 && (n.v < n.min || n.v > n.max) {
			probs.Add(FileName, 0, n.key, fmt.Sprint(n.v), "应在 %v 到 %v 之间", n.min, n.max)
		}
	}
	if st.TopMarginMM+st.TextHeightMM > 280 || st.BindingMarginMM+st.TextWidthMM > 200 {
		probs.Add(FileName, 0, "pdf.style", "", "版心超出了 A4 纸面（210 × 297 毫米）")
	}
	if c.Standard.Profile == "" {
		c.Standard.Profile = standard.Default
	}
	if probs.Err() != nil {
		return nil, probs
	}
	return &c, probs
}

// UseSystemFonts reports whether the PDF may use fonts installed on this machine.
func (c *Config) UseSystemFonts() bool { return c.PDF.SystemFonts == nil || *c.PDF.SystemFonts }

// PDFName is the PDF's file name in the output folder.
func (c *Config) PDFName() string { return c.County + "义务教育优质均衡发展自评报告.pdf" }

// ReportTitle returns the report's title.
func (c *Config) ReportTitle() string {
	if c.Title != "" {
		return c.Title
	}
	return c.County + "义务教育优质均衡发展自评报告"
}
