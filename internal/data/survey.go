package data

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/limited"
	"github.com/youjun-edu/youjun/internal/standard"
	"github.com/youjun-edu/youjun/internal/suggest"
	"github.com/youjun-edu/youjun/internal/tomlfile"
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
	src, err := limited.ReadFile(path, maxSmallCSV)
	if err != nil {
		return nil, diag.List{{File: name, Message: "无法读取：" + diag.SysError(err)}}
	}
	return ParseSurvey(src, name, groups)
}

// ParseSurvey parses the survey CSV. Every row is checked, so that all problems of the file
// appear at once.
func ParseSurvey(src []byte, name string, groups []string) (*Survey, diag.List) {
	rows, probs := readSmallCSV(src, name, []smallColumn{
		{"对象", "group", Text}, {"样本数", "samples", Count}, {"认可数", "approving", Count},
	})
	s := &Survey{File: name}
	seen := map[string]int{}
	for _, r := range rows {
		g := SurveyGroup{Row: r.row, Group: r.text[0], Samples: r.nums[1], Approving: r.nums[2]}
		switch {
		case g.Group == "":
			probs.Add(name, r.row, "对象", "", "不能为空")
		case !slices.Contains(groups, g.Group):
			msg := fmt.Sprintf("不是调查对象之一（%s）", strings.Join(groups, "、"))
			msg += suggest.Hint(g.Group, groups)
			probs.Add(name, r.row, "对象", g.Group, "%s", msg)
		case seen[g.Group] > 0:
			probs.Add(name, r.row, "对象", g.Group, "与第%d行重复", seen[g.Group])
		}
		seen[g.Group] = r.row
		if r.valid[1] && r.valid[2] && g.Approving > g.Samples {
			probs.Add(name, r.row, "认可数", fmtCount(g.Approving), "大于样本数 %s", fmtCount(g.Samples))
		}
		for i := 1; i <= 2; i++ {
			if r.valid[i] && r.nums[i] > standard.MaxCount {
				probs.Add(name, r.row, r.header(i), r.raw[i], "不能大于 %d（数值不合常理，请检查是否多填了位数）", standard.MaxCount)
			}
		}
		s.Groups = append(s.Groups, g)
		s.Samples += g.Samples
		s.Approving += g.Approving
		if g.Group == "家长" {
			s.Parents = g.Samples
		}
	}
	s.HasParents = true
	if len(s.Groups) == 0 && probs.Err() == nil {
		probs.Add(name, 0, "", "", "没有调查数据")
	}
	probs = tomlfile.Truncate(name, probs)
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

// HistoryHeader is the header of a history CSV's column holding level l's CV.
func HistoryHeader(l standard.Level) string { return l.Chinese() + "综合差异系数" }

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
		if !r.valid[0] {
			continue // reported by readSmallCSV
		}
		if y != float64(int(y)) || y < 1990 || y > 2100 {
			probs.Add(name, r.row, "年份", r.raw[0], "不是有效的年份（应为 1990–2100 之间）")
			continue
		}
		if prev, dup := h.Year(int(y)); dup {
			probs.Add(name, r.row, "年份", r.raw[0], "与 %s 第%d行重复", prev.File, prev.Row)
			continue
		}
		hy := HistoryYear{File: name, Row: r.row, Year: int(y)}
		for i, cv := range []*Number{&hy.PrimaryCV, &hy.JuniorCV} {
			switch {
			case !r.valid[i+1]:
			case r.nums[i+1] > 10:
				// A CV is a ratio of a few tenths; 38.5 is a percentage or a typing mistake.
				probs.Add(name, r.row, r.header(i+1), r.raw[i+1], "差异系数应在 0 到 10 之间（如 0.385，不填百分数）")
			default:
				*cv = Num(r.nums[i+1])
			}
		}
		h.Years = append(h.Years, hy)
	}
	sortHistory(h.Years)
	return tomlfile.Truncate(name, probs)
}

func sortHistory(ys []HistoryYear) {
	for i := 1; i < len(ys); i++ {
		for j := i; j > 0 && ys[j].Year < ys[j-1].Year; j-- {
			ys[j], ys[j-1] = ys[j-1], ys[j]
		}
	}
}

// Limits on survey.csv and a history CSV: a few rows each, so anything near these limits is
// the wrong file.
const (
	maxSmallCSV  = 1 << 20 // bytes
	maxSmallRows = 1000
	maxSmallCell = 200 // characters
)

type smallColumn struct {
	header, key string
	kind        Kind
}

type smallRow struct {
	row   int
	cols  []smallColumn
	raw   []string
	text  []string
	nums  []float64
	valid []bool
}

func (r smallRow) header(i int) string { return r.cols[i].header }

// readSmallCSV reads a small CSV whose columns are all required, in any order. It reports
// every problem of every row.
func readSmallCSV(src []byte, name string, cols []smallColumn) ([]smallRow, diag.List) {
	if len(src) > maxSmallCSV {
		return nil, diag.List{{File: name, Message: "文件超过 1 MB 的上限；这个表通常只有几行，请检查是否选错了文件"}}
	}
	if bytes.HasPrefix(src, []byte{0xff, 0xfe}) || bytes.HasPrefix(src, []byte{0xfe, 0xff}) || bytes.IndexByte(src, 0) >= 0 && utf16Order(src) != nil {
		return nil, diag.List{{File: name, Message: "文件是 UTF-16 编码（Excel 的「Unicode 文本」），无法读取；请在 Excel/WPS 中另存为 UTF-8 或 GBK 的 CSV"}}
	}
	if i := bytes.IndexByte(src, 0); i >= 0 { // a binary file was said to be UTF-16
		line := bytes.Count(src[:i], []byte{'\n'}) + 1
		return nil, diag.List{{File: name, Line: line, Message: "不是文本文件（从这一行起含有二进制内容），不能作为 CSV 读取；" + saveAsHint}}
	}
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
	lastErr := -1
	for {
		rec, row, err := rr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if row == lastErr || row == 0 {
				break // the reader cannot get past it
			}
			probs.Add(name, row, "", "", "%v", err)
			lastErr = row
			continue
		}
		if isBlankRecord(rec) {
			continue
		}
		// "学生,1,1,1,1": a comma too many shifts the cells; it was read as if all were right.
		if n := len(rec) - trailingBlanks(rec); n > len(header) {
			probs.Add(name, row, "", "", "这一行有 %d 列，表头只有 %d 列（多了逗号？含逗号的单元格须用引号括起）", n, len(header))
			continue
		}
		if len(rows) == maxSmallRows {
			probs.Add(name, row, "", "", "超过 %d 行，无法读取；这个表通常只有几行，请检查是否选错了文件", maxSmallRows)
			break
		}
		r := smallRow{row: row, cols: cols, raw: make([]string, len(cols)), text: make([]string, len(cols)), nums: make([]float64, len(cols)), valid: make([]bool, len(cols))}
		for i, c := range cols {
			cell := ""
			if pos[i] < len(rec) {
				cell = rec[pos[i]]
			}
			if utf8.RuneCountInString(cell) > maxSmallCell {
				probs.Add(name, row, c.header, "", "内容超过 %d 个字，不像是这一列的内容", maxSmallCell)
				continue
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
