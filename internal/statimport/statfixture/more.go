package statfixture

import (
	"bytes"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/youjun-edu/youjun/internal/standard"
)

// WorkbookXLSX is a school's per-school workbook: a sheet per table, named like
// 「教基3112_小学」 (1102 on a 「续」 sheet), each with a title, its header and the school's row.
func WorkbookXLSX(s *School) ([]byte, error) {
	cols := Columns()
	kind := strings.TrimLeft(statType[s.Type], "0123456789 ")
	f := excelize.NewFile()
	defer f.Close()
	f.SetDocProps(&excelize.DocProperties{Title: s.Name + " 基层表", Creator: "statfixture", Created: stamp, Modified: stamp})
	type table struct {
		id, sheet string
		cols      []Column
	}
	var tables []*table
	byID := map[string]*table{}
	base := &table{id: "教基1001", sheet: "教基1001_" + kind}
	tables = append(tables, base)
	for _, c := range cols {
		if len(c.Path) == 1 {
			if c.Path[0] != "统计三级" {
				base.cols = append(base.cols, c)
			}
			continue
		}
		id := c.Path[0]
		t := byID[id]
		if t == nil {
			name := id + "_" + kind
			if id == "教基1102" {
				name = "教基1102续_" + kind
			}
			t = &table{id: id, sheet: name}
			byID[id] = t
			tables = append(tables, t)
		}
		t.cols = append(t.cols, Column{Path: c.Path[1:], Cell: c.Cell})
	}
	first := true
	for _, t := range tables {
		if !applies(t.id, s) {
			continue
		}
		if first {
			f.SetSheetName("Sheet1", t.sheet)
			first = false
		} else {
			f.NewSheet(t.sheet)
		}
		var paths [][]string
		row := []string{}
		for _, c := range t.cols {
			paths = append(paths, c.Path)
			row = append(row, c.Cell(s))
		}
		text := isText(t.cols)
		if t.id == "教基2106" || t.id == "教基2107" {
			paths = append([][]string{{"项目"}}, paths...)
			row = append([]string{"合计"}, row...)
			text = append([]bool{true}, text...)
		}
		if t.id == "教基1001" {
			for i := range text {
				text[i] = true
			}
		}
		writeSheet(f, t.sheet, []string{s.Name + " " + t.id}, paths, [][]string{row}, text)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// applies reports whether a school fills a table: a 小学 has no 初中 tables.
func applies(id string, s *School) bool {
	switch id {
	case "教基3112", "教基2106", "教基4155":
		return s.PrimaryStudents.Value > 0
	case "教基3115", "教基2107", "教基4156":
		return s.JuniorStudents.Value > 0
	case "教基3118":
		return s.SeniorStudents.Value > 0
	}
	return true
}

// RosterHeader is the roster's header.
var RosterHeader = []string{"学校代码", "学校名称", "工号", "姓名", "任教学段", "最高学历", "骨干级别", "任教学科", "教师资格证学段", "是否专任", "是否交流轮岗", "编制"}

var (
	surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢")
	given    = []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红梅琴云莲辉建文斌宇浩凯鹏飞")
	subjects = []string{"语文", "数学", "英语", "科学", "道德与法治", "信息科技"}
)

// Roster is the teacher roster: one row per teacher, 专任 teachers in 编制 (在编 or 聘任制) as the
// table counts them, plus 代课 and 兼职 rows and teachers who are not 专任, which the import
// leaves out. exchange and exchangeBackbone teachers are marked 交流轮岗 this year.
func Roster(schools []*School, exchange, exchangeBackbone int) []byte {
	var b bytes.Buffer
	b.WriteString(strings.Join(RosterHeader, ",") + "\r\n")
	id := 0
	name := func() string {
		id++
		return string(surnames[id*7%len(surnames)]) + string(given[id*13%len(given)]) + string(given[id*5%len(given)])
	}
	write := func(s *School, level, degree, backbone, subject, cert, fullTime, exch, staffing string) {
		n := name()
		b.WriteString(strings.Join([]string{s.Code, s.Name, "T" + pad(id), n, level, degree, backbone, subject, cert, fullTime, exch, staffing}, ",") + "\r\n")
	}
	for _, s := range schools {
		certLeft := count(s.CertifiedTeachers)
		levels := []struct {
			level          string
			n              int
			qual, bb, pa   int
			primary, other bool
		}{
			{"小学", s.Tp, count(s.PrimaryQualifiedTeachers), count(s.PrimaryBackboneTeachers), count(s.PrimaryPEArtTeachers), true, false},
			{"初中", s.Tj, count(s.JuniorQualifiedTeachers), count(s.JuniorBackboneTeachers), count(s.JuniorPEArtTeachers), false, false},
			{otherLevel(s), s.Ts, 0, 0, 0, false, true},
		}
		k := 0
		for _, lv := range levels {
			m, ba, c, _ := degrees(lv.qual, lv.n, lv.primary)
			pe, mu, _ := peArt(lv.pa)
			for i := range lv.n {
				degree := "高中"
				switch {
				case lv.other:
					degree = "本科"
				case i < m:
					degree = "硕士研究生"
				case i < m+ba:
					degree = "本科"
				case i < m+ba+c:
					degree = "专科"
				case !lv.primary:
					degree = "专科"
				}
				backbone := "无"
				if i >= lv.n-lv.bb { // the last ones, so that they mix with the degrees
					backbone = []string{"县级", "市级", "省级"}[i%3]
				}
				subject := subjects[(i+k)%len(subjects)]
				switch {
				case i < pe:
					subject = "体育"
				case i < pe+mu:
					subject = "音乐"
				case i < lv.pa:
					subject = "美术"
				}
				cert := "无"
				if certLeft > 0 {
					cert = lv.level
					if lv.level == "特殊教育" {
						cert = "小学"
					}
					certLeft--
				}
				exch := "否"
				if backbone != "无" && exchangeBackbone > 0 {
					exch, exchangeBackbone, exchange = "是", exchangeBackbone-1, exchange-1
				} else if backbone == "无" && exchange > exchangeBackbone && (id+i)%4 == 0 {
					exch, exchange = "是", exchange-1
				}
				staffing := "在编"
				if (id+i)%9 == 0 {
					staffing = "聘任制"
				}
				write(s, lv.level, degree, backbone, subject, cert, "是", exch, staffing)
				k++
			}
		}
		// Teachers the import leaves out: 代课, 兼职, and staff who are not 专任.
		main := "小学"
		if s.Tp == 0 {
			main = "初中"
		}
		if k%3 == 0 {
			write(s, main, "本科", "无", "音乐", "无", "是", "否", "代课")
		}
		if k%4 == 1 {
			write(s, main, "专科", "无", "体育", "小学", "是", "否", "兼职")
		}
		if k%5 == 2 {
			write(s, main, "本科", "县级", "美术", main, "否", "否", "在编")
		}
	}
	return b.Bytes()
}

func otherLevel(s *School) string {
	switch s.Type {
	case standard.TypeVocational:
		return "中职"
	case standard.TypeSpecial:
		return "特殊教育"
	}
	return "高中"
}

func pad(n int) string {
	s := itoa(n)
	return strings.Repeat("0", max(0, 4-len(s))) + s
}
