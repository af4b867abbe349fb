package data

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/standard"
	"github.com/youjun-edu/youjun/internal/tomlfile"
)

// TestSurveyAllAtOnce is the regression test for survey.csv stopping at the first of several
// problems: a bad number no longer hides a bad group name in another row.
func TestSurveyAllAtOnce(t *testing.T) {
	groups := []string{"学生", "家长", "教师"}
	src := "对象,样本数,认可数\n学生们,100,90\n家长,x,1\n教师,10,11\n,5,5\n学生,\"1\"0,1\n学生,1e12,1\n"
	s, probs := ParseSurvey([]byte(src), "data/survey.csv", groups)
	if s != nil {
		t.Fatal("accepted")
	}
	for _, w := range []string{
		`data/survey.csv 第2行「对象」: "学生们" 不是调查对象之一（学生、家长、教师），是否为「学生」？`,
		`第3行「样本数」: "x" 不是数字`,
		`第4行「认可数」: "11" 大于样本数 10`,
		`第5行「对象」: 不能为空`,
		`第6行: CSV 格式错误`,
		`第7行「样本数」: "1e12"`,
	} {
		if !strings.Contains(probs.Error(), w) {
			t.Errorf("problems\n%v\nlack %s", probs, w)
		}
	}
}

func TestSmallCSVLimits(t *testing.T) {
	groups := []string{"学生"}
	tests := []struct{ src, want string }{
		{"\xff\xfe\xf9\x5b\x61\x8c", "data/survey.csv: 文件是 UTF-16 编码（Excel 的「Unicode 文本」），无法读取；请在 Excel/WPS 中另存为 UTF-8 或 GBK 的 CSV"},
		{"\xf9\x5b\x2c\x00\x31\x00\x0a\x00", "data/survey.csv: 文件是 UTF-16 编码"}, // no byte-order mark
		// Any zero byte was taken for UTF-16: a binary file is named as such.
		{"对象,样本数,认可数\n\x89PNG\x00\x00\x00\rIHDR\x00\x01\x02\x03", "data/survey.csv 第2行: 不是文本文件（从这一行起含有二进制内容）"},
		{"对象,样本数,认可数\n学生,1,000,1\n", "data/survey.csv 第2行: 这一行有 4 列，表头只有 3 列"},
		{"对象,样本数,认可数\n" + strings.Repeat("学生,1,1\n", 1001), "data/survey.csv 第1002行: 超过 1000 行，无法读取"},
		{"对象,样本数,认可数\n" + strings.Repeat("学", 201) + ",1,1\n", "data/survey.csv 第2行「对象」: 内容超过 200 个字"},
		{"对象,样本数,认可数\n学生,1," + strings.Repeat("1", maxSmallCSV) + "\n", "data/survey.csv: 文件超过 1 MB 的上限"},
		{"对象,样本数,认可数\n" + strings.Repeat("x,y,z\n", 500), "还有 1400 处问题未列出"},
	}
	for _, tt := range tests {
		_, probs := ParseSurvey([]byte(tt.src), "data/survey.csv", groups)
		if !strings.Contains(probs.Error(), tt.want) {
			t.Errorf("ParseSurvey(%.30q) = %.300v\nwant %s", tt.src, probs.Error(), tt.want)
		}
	}
}

func TestHistoryAllAtOnce(t *testing.T) {
	var h History
	probs := h.ParseHistory([]byte("年份,小学综合差异系数,初中综合差异系数\n20x,0.4,0.3\n2022,abc,0.3\n1800,0.1,0.1\n2023,38.5,0.3\n2024,0.4,0.3\n"), "data/history/a.csv")
	want := []string{
		`data/history/a.csv 第2行「年份」: "20x" 不是数字`,
		`data/history/a.csv 第3行「小学综合差异系数」: "abc" 不是数字`,
		`data/history/a.csv 第4行「年份」: "1800" 不是有效的年份（应为 1990–2100 之间）`,
		`data/history/a.csv 第5行「小学综合差异系数」: "38.5" 差异系数应在 0 到 10 之间（如 0.385，不填百分数）`,
	}
	if got := probs.Error(); got != strings.Join(want, "\n") {
		t.Errorf("problems\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	if y, ok := h.Year(2024); !ok || y.PrimaryCV != Num(0.4) {
		t.Errorf("valid row lost: %+v", h)
	}
}

// FuzzParseSurvey checks that no survey.csv makes ParseSurvey panic and that an accepted
// survey holds whole, plausible counts with no group approving more than it has.
func FuzzParseSurvey(f *testing.F) {
	for _, path := range []string{"../../data/survey.csv", "../../examples/hunan/data/survey.csv"} {
		if src, err := os.ReadFile(path); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte("对象,样本数,认可数\n学生,100,90\n家长,200,170\n"))
	f.Add([]byte("对象,样本数,认可数\n学生们,100,90\n家长,x,1\n教师,10,11\n,5,5\n学生,\"1\"0,1\n"))
	f.Add([]byte("\xef\xbb\xbf\xb6\xd4\xcf\xf3,\xd1\xf9\xb1\xbe\xca\xfd,\xc8\xcf\xbf\xc9\xca\xfd\n\xd1\xa7\xc9\xfa,1,1\n")) // GBK
	groups := []string{"学生", "家长", "教师", "校长", "人大代表", "政协委员", "其他群众"}
	f.Fuzz(func(t *testing.T, src []byte) {
		s, probs := ParseSurvey(src, "data/survey.csv", groups)
		if len(probs) > tomlfile.MaxProblems+1 {
			t.Fatalf("%d problems", len(probs))
		}
		if s == nil {
			if probs.Err() == nil {
				t.Fatal("nil survey without an error")
			}
			return
		}
		var n, a float64
		for _, g := range s.Groups {
			for _, v := range []float64{g.Samples, g.Approving} {
				if v < 0 || v > standard.MaxCount || v != math.Trunc(v) {
					t.Fatalf("count %v accepted", v)
				}
			}
			if g.Approving > g.Samples || !slices.Contains(groups, g.Group) {
				t.Fatalf("group %+v accepted", g)
			}
			n, a = n+g.Samples, a+g.Approving
		}
		if n != s.Samples || a != s.Approving {
			t.Fatalf("totals %v %v, groups add up to %v %v", s.Samples, s.Approving, n, a)
		}
	})
}

// FuzzParseHistory checks that no history CSV makes ParseHistory panic and that every year it
// keeps is plausible, once, with finite CVs.
func FuzzParseHistory(f *testing.F) {
	for _, pattern := range []string{"../../data/history/*.csv", "../../examples/hunan/data/history/*.csv"} {
		files, _ := filepath.Glob(pattern)
		for _, path := range files {
			if src, err := os.ReadFile(path); err == nil {
				f.Add(src)
			}
		}
	}
	f.Add([]byte("年份,小学综合差异系数,初中综合差异系数\n20x,0.4,0.3\n2022,abc,0.3\n1800,0.1,0.1\n2023,38.5,0.3\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		var h History
		probs := h.ParseHistory(src, "data/history/a.csv")
		if len(probs) > tomlfile.MaxProblems+1 {
			t.Fatalf("%d problems", len(probs))
		}
		seen := map[int]bool{}
		for _, y := range h.Years {
			if y.Year < 1990 || y.Year > 2100 || seen[y.Year] {
				t.Fatalf("year %d accepted", y.Year)
			}
			seen[y.Year] = true
			for _, cv := range []Number{y.PrimaryCV, y.JuniorCV} {
				if cv.Valid && !(cv.Value >= 0 && cv.Value <= 10) {
					t.Fatalf("CV %v accepted", cv.Value)
				}
			}
		}
	})
}
