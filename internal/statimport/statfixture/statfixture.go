// Package statfixture derives fictional 教育事业统计 files from a school table: the county
// export (one row per school, a title above a five-row merged header), per-school workbooks (one
// sheet per table) and a teacher roster. Imported back with youjun import, they give the table's
// figures again, which is what the tests check and what the example site ships. 最大班额 is the
// exception the statistics force: they hold class-size bands only.
package statfixture

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/standard"
)

// Bands are the class-size bands of 教基2106/2107.
var Bands = []struct {
	Label  string
	Lo, Hi int
}{{"25人及以下", 0, 25}, {"26-30人", 26, 30}, {"31-35人", 31, 35}, {"36-40人", 36, 40}, {"41-45人", 41, 45},
	{"46-50人", 46, 50}, {"51-55人", 51, 55}, {"56-60人", 56, 60}, {"61-65人", 61, 65}, {"66人及以上", 66, 1 << 30}}

// Column is one column of the export: its header path and its cell for a school.
type Column struct {
	Path []string
	Cell func(s *School) string
}

// School is a school of the table with the split the statistics need.
type School struct {
	*data.School
	County           string
	Counted          bool
	Parent           string
	Tp, Tj, Ts       int // 专任教师 by level (小学, 初中, the rest)
	MigrantP         int // 随迁子女 in 小学; the rest in 初中
	Indoor           float64
	TeachingWithGym  float64
	SportsGround     float64
	PrimaryBandCells []int
	JuniorBandCells  []int
}

// Derive splits each school's figures as the statistics hold them.
func Derive(t *data.Table, county string) ([]*School, error) {
	var out []*School
	for i := range t.Schools {
		s := &School{School: &t.Schools[i], County: county, Counted: t.Schools[i].Type != standard.TypeTeachingPoint}
		if err := s.split(); err != nil {
			return nil, fmt.Errorf("%s: %v", s.Name, err)
		}
		out = append(out, s)
	}
	for _, s := range out {
		if s.Counted {
			continue
		}
		for _, p := range out { // a 教学点 belongs to the 中心学校 of its 乡
			if p.Counted && strings.HasPrefix(p.Name, firstRunes(s.Name, 3)) && strings.Contains(p.Name, "中心") {
				s.Parent = p.Code
			}
		}
	}
	return out, nil
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	return string(r[:min(n, len(r))])
}

func count(n data.Number) int { return int(n.Value) }

func (s *School) split() error {
	p, j, sen := count(s.PrimaryStudents), count(s.JuniorStudents), count(s.SeniorStudents)
	needP := max(count(s.PrimaryQualifiedTeachers), count(s.PrimaryBackboneTeachers), count(s.PrimaryPEArtTeachers))
	needJ := max(count(s.JuniorQualifiedTeachers), count(s.JuniorBackboneTeachers), count(s.JuniorPEArtTeachers))
	t := count(s.Teachers)
	switch {
	case s.Type == standard.TypeVocational:
		s.Ts = t
	case p > 0 && j > 0:
		s.Tp = min(max(int(math.Round(float64(t)*float64(p)/float64(p+j))), needP), t-needJ)
		s.Tj = t - s.Tp
	case p > 0:
		s.Tp = t
	case j > 0 && sen > 0:
		s.Tj = min(max(int(math.Round(float64(t)*float64(j)/float64(j+sen))), needJ), t)
		s.Ts = t - s.Tj
	case j > 0:
		s.Tj = t
	}
	if s.Tp < needP || s.Tj < needJ {
		return fmt.Errorf("专任教师 %d 人分不出各学段", t)
	}
	if m := count(s.MigrantStudents); m > 0 {
		if p+j == 0 || m > p+j {
			return fmt.Errorf("随迁子女 %d 人多于义务教育在校生", m)
		}
		s.MigrantP = min(int(math.Round(float64(m)*float64(p)/float64(p+j))), p)
		if m-s.MigrantP > j {
			s.MigrantP = m - j
		}
	}
	// 室内体育用房: the statistics count it in 教学及辅助用房; the table counts it as sports space.
	teach, sports := s.TeachingArea.Value, s.SportsArea.Value
	if teach >= 2000 {
		s.Indoor = math.Round(teach*0.06*10) / 10
		if s.Indoor > sports {
			s.Indoor = 0
		}
	}
	s.TeachingWithGym = round4(teach + s.Indoor)
	s.SportsGround = round4(sports - s.Indoor)
	s.PrimaryBandCells = bands(count(s.PrimaryClasses), s.PrimaryMaxClass)
	s.JuniorBandCells = bands(count(s.JuniorClasses), s.JuniorMaxClass)
	return nil
}

func round4(v float64) float64 { return math.Round(v*1e4) / 1e4 }

// bands puts one class in the band of the largest class and the others in the band below it.
func bands(classes int, maxClass data.Number) []int {
	cells := make([]int, len(Bands))
	if classes == 0 || !maxClass.Valid {
		return cells
	}
	top := 0
	for i, b := range Bands {
		if int(maxClass.Value) >= b.Lo && int(maxClass.Value) <= b.Hi {
			top = i
		}
	}
	cells[top] = 1
	cells[max(top-1, 0)] += classes - 1
	return cells
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
func itoa(n int) string    { return strconv.Itoa(n) }

// statType is the 办学类型 of the statistics for a school type.
var statType = map[standard.SchoolType]string{
	standard.TypePrimary: "211 小学", standard.TypeJunior: "311 初级中学", standard.TypeNineYear: "312 九年一贯制学校",
	standard.TypeComplete: "341 完全中学", standard.TypeTwelveYear: "345 十二年一贯制学校", standard.TypeTeachingPoint: "218 小学教学点",
	standard.TypeSpecial: "514 特殊教育学校", standard.TypeVocational: "361 中等职业学校",
}

var areaCode = map[data.Area]string{data.Urban: "111", data.Town: "121", data.Rural: "220"}

// split the qualified teachers by degree: 小学 硕士 + 本科 + 专科, 初中 硕士 + 本科.
func degrees(q, total int, primary bool) (master, bachelor, college, rest int) {
	master = q / 10
	if primary {
		bachelor = q * 6 / 10
		college = q - master - bachelor
		return master, bachelor, college, total - q
	}
	bachelor = q - master
	return master, bachelor, total - q, 0
}

// peArt splits 体育艺术 teachers: 体育与健康, 音乐, 美术.
func peArt(n int) (pe, music, art int) {
	pe = (n + 1) / 2
	music = (n - pe + 1) / 2
	return pe, music, n - pe - music
}

// Columns are the export's columns: identity first, then by table.
func Columns() []Column {
	c := func(path string, f func(s *School) string) Column { return Column{strings.Split(path, "›"), f} }
	cols := []Column{
		c("统计三级", func(s *School) string { return s.County }),
		c("学校标识码", func(s *School) string { return s.Code }),
		c("学校名称", func(s *School) string { return s.Name }),
		c("办学类型", func(s *School) string { return statType[s.Type] }),
		c("举办者", func(s *School) string {
			if s.Ownership == "民办" {
				return "民办"
			}
			return "地方教育部门"
		}),
		c("城乡类型代码", func(s *School) string { return areaCode[s.Area] }),
		c("是否计校数", func(s *School) string {
			if s.Counted {
				return "1"
			}
			return "0"
		}),
		c("所属学校标识码", func(s *School) string { return s.Parent }),
		c("教基3112›在校生数›合计", func(s *School) string { return itoa(count(s.PrimaryStudents)) }),
		c("教基3112›在校生数›其中：进城务工人员随迁子女", func(s *School) string { return itoa(s.MigrantP) }),
		c("教基3115›在校生数›合计", func(s *School) string { return itoa(count(s.JuniorStudents)) }),
		c("教基3115›在校生数›其中：进城务工人员随迁子女", func(s *School) string { return itoa(count(s.MigrantStudents) - s.MigrantP) }),
		c("教基3118›在校生数›合计", func(s *School) string { return itoa(count(s.SeniorStudents)) }),
	}
	for _, lv := range []struct {
		table string
		n     func(s *School) data.Number
		cells func(s *School) []int
	}{{"教基2106", func(s *School) data.Number { return s.PrimaryClasses }, func(s *School) []int { return s.PrimaryBandCells }},
		{"教基2107", func(s *School) data.Number { return s.JuniorClasses }, func(s *School) []int { return s.JuniorBandCells }}} {
		cols = append(cols, c(lv.table+"›班数›合计", func(s *School) string { return itoa(count(lv.n(s))) }))
		for i, b := range Bands {
			cols = append(cols, c(lv.table+"›班数›"+b.Label, func(s *School) string { return itoa(lv.cells(s)[i]) }))
		}
	}
	cols = append(cols,
		c("教基1102›县级以上骨干教师(小学)", func(s *School) string { return itoa(count(s.PrimaryBackboneTeachers)) }),
		c("教基1102›县级以上骨干教师(初中)", func(s *School) string { return itoa(count(s.JuniorBackboneTeachers)) }),
		c("教基4149›专任教师", func(s *School) string { return itoa(count(s.Teachers)) }))
	for _, lv := range []struct {
		table   string
		primary bool
	}{{"教基4155", true}, {"教基4156", false}} {
		q := func(s *School) (int, int, int) {
			if lv.primary {
				return count(s.PrimaryQualifiedTeachers), s.Tp, count(s.PrimaryPEArtTeachers)
			}
			return count(s.JuniorQualifiedTeachers), s.Tj, count(s.JuniorPEArtTeachers)
		}
		deg := func(i int) func(s *School) string {
			return func(s *School) string {
				qual, total, _ := q(s)
				m, b, c, r := degrees(qual, total, lv.primary)
				return itoa([]int{0, m, b, c, r}[i])
			}
		}
		pa := func(i int) func(s *School) string {
			return func(s *School) string {
				_, _, n := q(s)
				pe, mu, ar := peArt(n)
				return itoa([]int{pe, mu + ar, mu, ar}[i])
			}
		}
		t := lv.table + "›专任教师›"
		cols = append(cols,
			c(t+"计", func(s *School) string { _, total, _ := q(s); return itoa(total) }),
			c(t+"#按学历分›博士研究生", deg(0)), c(t+"#按学历分›硕士研究生", deg(1)), c(t+"#按学历分›本科", deg(2)),
			c(t+"#按学历分›专科", deg(3)), c(t+"#按学历分›高中阶段及以下", deg(4)),
			c(t+"#按授课课程分›体育与健康", pa(0)), c(t+"#按授课课程分›艺术›计", pa(1)),
			c(t+"#按授课课程分›艺术›音乐", pa(2)), c(t+"#按授课课程分›艺术›美术", pa(3)))
	}
	cols = append(cols,
		c("教基5170›本学年校舍建筑面积›教学及辅助用房›计", func(s *School) string { return num(s.TeachingWithGym) }),
		c("教基5170›本学年校舍建筑面积›室内体育用房", func(s *School) string { return num(s.Indoor) }),
		c("教基5176›占地面积（平方米）›计", func(s *School) string { return num(round4(s.SportsArea.Value * 2.5)) }),
		c("教基5176›占地面积（平方米）›其中›运动场地面积", func(s *School) string { return num(s.SportsGround) }),
		c("教基5176›固定资产总值›教学仪器设备资产值(万元)", func(s *School) string { return data.ColumnByKey("equipment_value").Format(s.School) }),
		c("教基5176›网络多媒体教室", func(s *School) string { return itoa(count(s.MultimediaRooms)) }),
	)
	return cols
}

// grid lays out a header of paths: each level in its row, the last one merged down to the
// bottom header row, equal neighbours merged across.
type grid struct {
	depth  int
	cells  [][]string
	merges [][4]int // top, left, bottom, right (0-based)
}

func layout(paths [][]string) grid {
	g := grid{}
	for _, p := range paths {
		g.depth = max(g.depth, len(p))
	}
	g.cells = make([][]string, g.depth)
	for r := range g.cells {
		g.cells[r] = make([]string, len(paths))
	}
	for c, p := range paths {
		for r, seg := range p {
			g.cells[r][c] = seg
		}
		if last := len(p) - 1; last < g.depth-1 {
			g.merges = append(g.merges, [4]int{last, c, g.depth - 1, c})
		}
	}
	for r := range g.depth {
		for c := 0; c < len(paths); {
			e := c
			for e+1 < len(paths) && len(paths[e+1]) > r+1 && len(paths[c]) > r+1 && samePrefix(paths[c], paths[e+1], r+1) {
				e++
			}
			if e > c {
				g.merges = append(g.merges, [4]int{r, c, r, e})
				for k := c + 1; k <= e; k++ {
					g.cells[r][k] = "" // what a merged range keeps
				}
			}
			c = e + 1
		}
	}
	return g
}

func samePrefix(a, b []string, n int) bool {
	for i := range n {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// sheetWriter writes a table sheet: title rows, the header, the data rows.
func writeSheet(f *excelize.File, sheet string, titles []string, paths [][]string, rows [][]string, text []bool) {
	g := layout(paths)
	width := len(paths)
	last, _ := excelize.ColumnNumberToName(width)
	for i, t := range titles {
		cell := fmt.Sprintf("A%d", i+1)
		f.SetCellStr(sheet, cell, t)
		if width > 1 {
			f.MergeCell(sheet, cell, fmt.Sprintf("%s%d", last, i+1))
		}
	}
	top := len(titles)
	for r, row := range g.cells {
		for c, v := range row {
			if v != "" {
				name, _ := excelize.CoordinatesToCellName(c+1, top+r+1)
				f.SetCellStr(sheet, name, v)
			}
		}
	}
	for _, m := range g.merges {
		a, _ := excelize.CoordinatesToCellName(m[1]+1, top+m[0]+1)
		b, _ := excelize.CoordinatesToCellName(m[3]+1, top+m[2]+1)
		f.MergeCell(sheet, a, b)
	}
	for r, row := range rows {
		for c, v := range row {
			name, _ := excelize.CoordinatesToCellName(c+1, top+g.depth+r+1)
			if n, err := strconv.ParseFloat(v, 64); err == nil && !text[c] {
				f.SetCellFloat(sheet, name, n, -1, 64)
			} else if v != "" {
				f.SetCellStr(sheet, name, v)
			}
		}
	}
}

// isText marks the identity columns, written as text (codes keep their leading zeros).
func isText(cols []Column) []bool {
	out := make([]bool, len(cols))
	for i, c := range cols {
		out[i] = len(c.Path) == 1
	}
	return out
}

const stamp = "2025-09-30T00:00:00Z"

// CountyXLSX is the county export: two title rows, a five-row merged header, a row per school
// and a 合计 row.
func CountyXLSX(schools []*School, title string) ([]byte, error) {
	cols := Columns()
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "学校基本情况"
	f.SetSheetName("Sheet1", sheet)
	f.SetDocProps(&excelize.DocProperties{Title: title, Creator: "statfixture", Created: stamp, Modified: stamp})
	var paths [][]string
	for _, c := range cols {
		paths = append(paths, c.Path)
	}
	rows := countyRows(schools, cols)
	writeSheet(f, sheet, []string{title, "单位：人、个、平方米、万元（虚构数据，仅供试用）"}, paths, rows, isText(cols))
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func countyRows(schools []*School, cols []Column) [][]string {
	var rows [][]string
	total := make([]float64, len(cols))
	for _, s := range schools {
		row := make([]string, len(cols))
		for i, c := range cols {
			row[i] = c.Cell(s)
			if len(c.Path) > 1 {
				v, _ := strconv.ParseFloat(row[i], 64)
				total[i] += v
			}
		}
		rows = append(rows, row)
	}
	sum := make([]string, len(cols))
	sum[2] = "合计"
	for i, c := range cols {
		if len(c.Path) > 1 {
			sum[i] = num(round4(total[i]))
		}
	}
	return append(rows, sum)
}

// CountyCSV is the county export saved as CSV in GBK, as Excel on Chinese Windows saves it: the
// merges are lost, a merged range keeps its text in its first cell.
func CountyCSV(schools []*School, title string) ([]byte, error) {
	cols := Columns()
	var paths [][]string
	for _, c := range cols {
		paths = append(paths, c.Path)
	}
	g := layout(paths)
	var b bytes.Buffer
	line := func(cells []string) {
		for i, c := range cells {
			if i > 0 {
				b.WriteByte(',')
			}
			if strings.ContainsAny(c, ",\"\n") {
				c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
			b.WriteString(c)
		}
		b.WriteString("\r\n")
	}
	line([]string{title})
	for _, r := range g.cells {
		line(r)
	}
	for _, r := range countyRows(schools, cols) {
		line(r)
	}
	return simplifiedchinese.GBK.NewEncoder().Bytes(b.Bytes())
}
