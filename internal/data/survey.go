package data

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/suggest"
)

// Survey is the 社会认可度 survey: one row per respondent group, or only the totals when the
// county entered a summary in county.toml.
type Survey struct {
	File      string
	Groups    []SurveyGroup // empty for a summary
	Samples   float64       // all valid questionnaires
	Approving float64       // questionnaires that approve
	Parents   float64       // parents' questionnaires
	// HasParents is false when a summary did not say how many respondents were parents.
	HasParents bool
}

// SurveyGroup is one respondent group's answers.
type SurveyGroup struct {
	Row       int
	Group     string // 学生、家长、教师、校长、人大代表、政协委员、其他群众
	Samples   float64
	Approving float64
}

// LoadSurvey reads data/survey.csv; groups lists the accepted respondent groups.
func LoadSurvey(path, name string, groups []string) (*Survey, diag.List) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, diag.List{{File: name, Message: "无法读取：" + err.Error()}}
	}
	return ParseSurvey(src, name, groups)
}

// ParseSurvey parses the survey CSV.
func ParseSurvey(src []byte, name string, groups []string) (*Survey, diag.List) {
	rows, probs := readSmallCSV(src, name, []smallColumn{
		{"对象", "group", Text}, {"样本数", "samples", Count}, {"认可数", "approving", Count},
	})
	if probs.Err() != nil {
		return nil, probs
	}
	s := &Survey{File: name}
	seen := map[string]int{}
	for _, r := range rows {
		g := SurveyGroup{Row: r.row, Group: r.text[0], Samples: r.nums[1], Approving: r.nums[2]}
		switch {
		case g.Group == "":
			probs.Add(name, r.row, "对象", "", "不能为空")
		case !contains(groups, g.Group):
			msg := fmt.Sprintf("不是调查对象之一（%s）", strings.Join(groups, "、"))
			if sg := suggest.Closest(g.Group, groups); sg != "" {
				msg += "，是否为「" + sg + "」？"
			}
			probs.Add(name, r.row, "对象", g.Group, "%s", msg)
		case seen[g.Group] > 0:
			probs.Add(name, r.row, "对象", g.Group, "与第%d行重复", seen[g.Group])
		}
		seen[g.Group] = r.row
		if g.Approving > g.Samples {
			probs.Add(name, r.row, "认可数", fmtCount(g.Approving), "大于样本数 %s", fmtCount(g.Samples))
		}
		s.Groups = append(s.Groups, g)
		s.Samples += g.Samples
		s.Approving += g.Approving
		if g.Group == "家长" {
			s.Parents = g.Samples
		}
	}
	s.HasParents = true
	if len(s.Groups) == 0 {
		probs.Add(name, 0, "", "", "没有调查数据")
	}
	if probs.Err() != nil {
		return nil, probs
	}
	return s, probs
}

// History is the basic-balance composite CVs of earlier years (data/history/*.csv).
type History struct {
	Years []HistoryYear // sorted by year
}

// HistoryYear is one year's 基本均衡 综合差异系数.
type HistoryYear struct {
	File      string
	Row       int
	Year      int
	PrimaryCV Number
	JuniorCV  Number
}

// Year returns the entry for year y.
func (h *History) Year(y int) (HistoryYear, bool) {
	if h != nil {
		for _, hy := range h.Years {
			if hy.Year == y {
				return hy, true
			}
		}
	}
	return HistoryYear{}, false
}

// ParseHistory parses one history CSV and adds its years to h.
func (h *History) ParseHistory(src []byte, name string) diag.List {
	rows, probs := readSmallCSV(src, name, []smallColumn{
		{"年份", "year", Count}, {"小学综合差异系数", "primary_cv", Decimal}, {"初中综合差异系数", "junior_cv", Decimal},
	})
	for _, r := range rows {
		y := r.nums[0]
		if !r.valid[0] || y != float64(int(y)) || y < 1990 || y > 2100 {
			probs.Add(name, r.row, "年份", r.raw[0], "不是有效的年份")
			continue
		}
		if prev, dup := h.Year(int(y)); dup {
			probs.Add(name, r.row, "年份", r.raw[0], "与 %s 第%d行重复", prev.File, prev.Row)
			continue
		}
		hy := HistoryYear{File: name, Row: r.row, Year: int(y)}
		if r.valid[1] {
			hy.PrimaryCV = Num(r.nums[1])
		}
		if r.valid[2] {
			hy.JuniorCV = Num(r.nums[2])
		}
		h.Years = append(h.Years, hy)
	}
	sortHistory(h.Years)
	return probs
}

func sortHistory(ys []HistoryYear) {
	for i := 1; i < len(ys); i++ {
		for j := i; j > 0 && ys[j].Year < ys[j-1].Year; j-- {
			ys[j], ys[j-1] = ys[j-1], ys[j]
		}
	}
}

type smallColumn struct {
	header, key string
	kind        Kind
}

type smallRow struct {
	row   int
	raw   []string
	text  []string
	nums  []float64
	valid []bool
}

// readSmallCSV reads a small CSV whose columns are all required, in any order.
func readSmallCSV(src []byte, name string, cols []smallColumn) ([]smallRow, diag.List) {
	var probs diag.List
	rr := newCSVReader(src)
	header, hrow, err := rr.next()
	if err != nil {
		if err == io.EOF {
			return nil, diag.List{{File: name, Message: "文件是空的，没有表头行"}}
		}
		return nil, diag.List{{File: name, Line: hrow, Message: err.Error()}}
	}
	pos := make([]int, len(cols))
	for i, c := range cols {
		pos[i] = -1
		for j, h := range header {
			if n := NormalizeHeader(h); n == c.header || n == c.key {
				pos[i] = j
			}
		}
		if pos[i] < 0 {
			probs.Add(name, hrow, "", "", "缺少必需的列「%s」", c.header)
		}
	}
	if probs.Err() != nil {
		return nil, probs
	}
	var rows []smallRow
	for {
		rec, row, err := rr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			probs.Add(name, row, "", "", "%v", err)
			break
		}
		if isBlankRecord(rec) {
			continue
		}
		r := smallRow{row: row, raw: make([]string, len(cols)), text: make([]string, len(cols)), nums: make([]float64, len(cols)), valid: make([]bool, len(cols))}
		for i, c := range cols {
			cell := ""
			if pos[i] < len(rec) {
				cell = rec[pos[i]]
			}
			r.raw[i] = cell
			r.text[i] = normalizeCell(cell)
			if c.kind == Text {
				continue
			}
			if r.text[i] == "" {
				probs.Add(name, row, c.header, "", "不能为空")
				continue
			}
			v, perr := parseNumber(r.text[i], c.kind == Count)
			if perr != 0 {
				probs.Add(name, row, c.header, cell, "%s", perr.message())
				continue
			}
			r.nums[i], r.valid[i] = v, true
		}
		rows = append(rows, r)
	}
	return rows, probs
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
