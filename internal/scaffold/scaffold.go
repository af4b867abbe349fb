// Package scaffold creates a new county site (youjun new): site.toml, the school table as an
// Excel 填报模板 with a 填表说明 sheet and drop-down lists, county.toml and survey.csv with every
// key explained, and the usual chapters of a 自评报告 with guidance for the writer.
package scaffold

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"

	"github.com/youjun-edu/youjun/internal/config"
	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/standard"
)

//go:embed files
var files embed.FS

// Options say what site to create.
type Options struct {
	Dir     string
	County  string // 县名; default the folder's name
	Profile string // default national-2017
	Year    int
	Date    string // YYYY-MM-DD
}

// New creates the site in opts.Dir, which must not exist or be empty.
func New(opts Options) error {
	if opts.County == "" {
		opts.County = filepath.Base(filepath.Clean(opts.Dir))
	}
	// The name goes into site.toml and the PDF's file name: refuse what Parse would refuse
	// (a "/" or a quote would also break the generated site.toml).
	if msg := config.CheckCounty(opts.County); msg != "" {
		return fmt.Errorf("县名「%s」不可用：%s。请用 --name 指定县名", opts.County, msg)
	}
	if opts.Profile == "" {
		opts.Profile = standard.Default
	}
	p, err := standard.Load(opts.Profile)
	if err != nil {
		return err
	}
	if entries, err := os.ReadDir(opts.Dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("目录 %s 不是空的；为避免覆盖已有文件，请换一个新目录", opts.Dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for _, d := range []string{"data/history", "content", "templates"} {
		if err := os.MkdirAll(filepath.Join(opts.Dir, d), 0o755); err != nil {
			return err
		}
	}
	// The survey has a chapter of its own; its dimension is the survey item's.
	survey, surveyDim := "", standard.DimensionID("")
	var dims []standard.Dimension
	for _, it := range p.Items {
		if it.Rule == standard.RuleSurvey {
			survey, surveyDim = it.ID, it.Dimension
		}
	}
	for _, d := range p.Dimensions {
		if d.ID != standard.DimVeto && d.ID != standard.DimEligibility && d.ID != surveyDim {
			dims = append(dims, d)
		}
	}
	vars := map[string]any{"County": opts.County, "Profile": p, "Year": opts.Year, "Date": opts.Date,
		"Survey": survey, "Dimensions": dims, "HasB": p.HasB(), "Numbers": []string{"二", "三", "四", "五", "六", "七", "八"}}
	err = fs.WalkDir(files, "files", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := files.ReadFile(path)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(path, "files/")
		if strings.HasSuffix(rel, ".tmpl") {
			t, err := template.New(rel).Delims("[[", "]]").Parse(string(src)) // [[ ]]: the chapters hold {{< >}} shortcodes
			if err != nil {
				return err
			}
			var b strings.Builder
			if err := t.Execute(&b, vars); err != nil {
				return err
			}
			src, rel = []byte(b.String()), strings.TrimSuffix(rel, ".tmpl")
		}
		return os.WriteFile(filepath.Join(opts.Dir, filepath.FromSlash(rel)), src, 0o644)
	})
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(opts.Dir, "data", "county.toml"), []byte(countyTOML(p)), 0o644); err != nil {
		return err
	}
	x, err := SchoolsXLSX()
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(opts.Dir, "data", "schools.xlsx"), x, 0o644)
}

// countyTOML writes every key of the profile's items, commented out: a key left commented is
// 待补充, so a fresh site never passes for lack of data.
func countyTOML(p *standard.Profile) string {
	var b strings.Builder
	b.WriteString(`# 县级数据（data/county.toml）
#
# 每个 [表头] 是评估标准中的一项指标。填写方法：去掉行首的 # 号，把等号后的值改成本县的实际情况。
#   是否类：true（是）或 false（否）；
#   数值类：只写数字，不带单位和引号；百分比写百分数，如 97.6 表示 97.6%。
# 每项都可以加一行 evidence = "……"，写佐证材料或情况说明，它会出现在报告中。
# 仍以 # 开头（未填）的项目在报告中显示为“待补充”，评估结论不会是“达到”。
# G3–G7、G12、Q4 由学校数据表计算，这里只需（可选）填写 evidence。

[county]
# resident_population = 400000   # 常住人口（人），用于核验社会认可度调查的抽样数量（1.5‰）
# private_students = 0           # 义务教育阶段民办学校在校生数（人）；大于0而学校数据表中没有民办学校时提示
# recognition_year = 2026        # 优质均衡认定（申报）年份；按放宽口径评估的学校须在此后3年内达标，不填按评估年度计
`)
	for _, d := range p.Dimensions {
		fmt.Fprintf(&b, "\n# ---- %s ----\n", d.Name)
		for _, it := range p.Items {
			if it.Dimension != d.ID {
				continue
			}
			fmt.Fprintf(&b, "\n[%s]  # %s\n", it.ID, it.Name)
			switch {
			case it.Kind == standard.KindB:
				fmt.Fprintf(&b, "# B 类计分指标，满分 %s 分。按评估要点自评打分，依次填入 scores，evidence 可逐项说明：\n", num.Plain(it.Points))
				zeros := make([]string, len(it.Scoring))
				for i, sp := range it.Scoring {
					fmt.Fprintf(&b, "#   要点%d（%s分）：%s\n", i+1, num.Plain(sp.Points), sp.Label)
					zeros[i] = "0"
				}
				fmt.Fprintf(&b, "# scores = [%s]\n", strings.Join(zeros, ", "))
			case it.SameAs != "":
				fmt.Fprintf(&b, "# 同 %s，无需填写。\n", it.SameAs)
			case it.Rule == standard.RuleSurvey:
				b.WriteString("# 问卷数据填在 data/survey.csv；没有该文件时可在此填写汇总数：\n")
				b.WriteString("# respondents = 0                # 有效问卷数\n# approving = 0                  # 认可（满意）问卷数\n# parents = 0                    # 其中家长问卷数\n")
			case it.Rule == "history_cv":
				b.WriteString("# 近三年基本均衡综合差异系数填在 data/history/ 下的 CSV 文件中。\n")
			case it.Rule != "":
				b.WriteString("# 由学校数据表计算。\n")
			}
			for _, in := range it.Inputs {
				example := "0"
				switch {
				case in.Type == "bool" && it.Dimension == standard.DimVeto, in.Type == "bool" && it.ID == "P5":
					example = "false"
				case in.Type == "bool":
					example = "true"
				}
				label := in.Label
				if in.Unit != "" {
					label += "（" + in.Unit + "）"
				}
				fmt.Fprintf(&b, "# %s = %s%s# %s\n", in.Key, example, strings.Repeat(" ", max(1, 30-len(in.Key)-len(example))), label)
			}
			b.WriteString("# evidence = \"\"\n")
		}
	}
	return b.String()
}
