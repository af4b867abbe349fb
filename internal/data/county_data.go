package data

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/limited"
	"github.com/youjun-edu/youjun/internal/standard"
)

// The files of a site's data/ folder, as named in messages and in the sources of findings.
const (
	FiguresFile = "data/county.toml"
	SurveyFile  = "data/survey.csv"
	HistoryDir  = "data/history/"
)

// County is everything the evaluation reads about a county.
type County struct {
	Table   *Table
	Figures *Figures // nil without data/county.toml
	Survey  *Survey  // nil without data/survey.csv and without [S1] figures
	History *History // nil without data/history/
}

// Load reads the data/ folder of the site at dir. It returns all problems of all files; the
// County is nil when any of them is an error.
func Load(dir string, p *standard.Profile) (*County, diag.List) {
	var probs diag.List
	c := &County{}

	var tables []string
	for _, name := range []string{"data/schools.csv", "data/schools.xlsx"} {
		if exists(filepath.Join(dir, name)) {
			tables = append(tables, name)
		}
	}
	switch len(tables) {
	case 0:
		probs.Add("data/", 0, "", "", "找不到学校数据表 data/schools.csv 或 data/schools.xlsx")
	case 2:
		probs.Add("data/", 0, "", "", "data/schools.csv 与 data/schools.xlsx 同时存在，请只保留一个")
	default:
		t, tp := LoadTable(filepath.Join(dir, tables[0]), tables[0])
		probs = append(probs, tp...)
		c.Table = t
	}

	if path := filepath.Join(dir, FiguresFile); exists(path) {
		f, fp := LoadFigures(path, FiguresFile, p)
		probs = append(probs, fp...)
		c.Figures = f
	} else {
		probs.Warn(FiguresFile, 0, "", "", "文件不存在，政府保障程度、教育质量等县级指标均为待补充")
	}

	groups := surveyGroups(p)
	if path := filepath.Join(dir, SurveyFile); exists(path) {
		s, sp := LoadSurvey(path, SurveyFile, groups)
		probs = append(probs, sp...)
		c.Survey = s
		if e := c.Figures.Entry("S1"); e != nil && len(e.Numbers) > 0 {
			probs.Add(FiguresFile, e.Line, "S1", "", "已有 data/survey.csv，请删除 [S1] 中的问卷数字，避免两处数据不一致")
		}
	} else if e := c.Figures.Entry("S1"); e != nil && len(e.Numbers) > 0 {
		c.Survey = surveyFromFigures(e, &probs)
	}

	if hist, hp := loadHistory(dir); hist != nil || len(hp) > 0 {
		probs = append(probs, hp...)
		c.History = hist
	}
	if probs.Err() != nil {
		return nil, probs
	}
	return c, probs
}

func surveyGroups(p *standard.Profile) []string {
	for _, it := range p.Items {
		if it.Rule == standard.RuleSurvey {
			return it.Groups
		}
	}
	return nil
}

// surveyFromFigures builds the survey from the summary in county.toml's [S1].
func surveyFromFigures(e *Entry, probs *diag.List) *Survey {
	n, okN := e.Numbers["respondents"]
	a, okA := e.Numbers["approving"]
	if !okN || !okA {
		probs.Add(FiguresFile, e.Line, "S1", "", "须同时填写 respondents（有效问卷数）和 approving（认可问卷数）")
		return nil
	}
	if a > n {
		probs.Add(FiguresFile, e.Line, "S1.approving", fmtCount(a), "大于有效问卷数 %s", fmtCount(n))
		return nil
	}
	s := &Survey{File: FiguresFile, Samples: n, Approving: a}
	if parents, ok := e.Numbers["parents"]; ok {
		if parents > n {
			probs.Add(FiguresFile, e.Line, "S1.parents", fmtCount(parents), "大于有效问卷数 %s", fmtCount(n))
		}
		s.Parents, s.HasParents = parents, true
	}
	return s
}

// maxHistoryFiles is the most CSV files data/history/ may hold: one per earlier year.
const maxHistoryFiles = 50

func loadHistory(dir string) (*History, diag.List) {
	files, err := filepath.Glob(filepath.Join(dir, "data/history/*.csv"))
	if err != nil || len(files) == 0 {
		return nil, nil
	}
	sort.Strings(files)
	if len(files) > maxHistoryFiles {
		return nil, diag.List{{File: "data/history/", Message: fmt.Sprintf("有 %d 个 CSV 文件，超过 %d 个的上限；每个文件记一年或几年即可", len(files), maxHistoryFiles)}}
	}
	h := &History{}
	var probs diag.List
	for _, f := range files {
		name := "data/history/" + filepath.Base(f)
		src, err := limited.ReadFile(f, maxSmallCSV)
		if err != nil {
			probs.Add(name, 0, "", "", "无法读取：%s", diag.SysError(err))
			continue
		}
		probs = append(probs, h.ParseHistory(src, name)...)
	}
	return h, probs
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil || !errors.Is(err, fs.ErrNotExist)
}
