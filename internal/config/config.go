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
	if c.Standard.Profile == "" {
		c.Standard.Profile = standard.Default
	}
	if probs.Err() != nil {
		return nil, probs
	}
	return &c, probs
}

// ReportTitle returns the report's title.
func (c *Config) ReportTitle() string {
	if c.Title != "" {
		return c.Title
	}
	return c.County + "义务教育优质均衡发展自评报告"
}
