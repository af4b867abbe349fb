// Package scenario reads a county's planned projects (data/plan/): what it will add to which
// school in which year, the schools it will open, and the pupils it projects. It only reads and
// checks the files; plan.Years carries the projects out and evaluates each year.
package scenario

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/plan"
	"github.com/youjun-edu/youjun/internal/standard"
	"github.com/youjun-edu/youjun/internal/suggest"
)

// Dir is the folder of the planned projects, relative to the site.
const Dir = "data/plan"

// The two files of data/plan/ that are not lists of projects; any extension .csv or .xlsx.
const (
	PupilsFile  = "学生预测"
	SchoolsFile = "新建学校"
)

// Load reads data/plan/ under the site dir: nil and no problems when there is no such folder.
// Files are read in the order of their names, so that the same folder gives the same scenario.
func Load(dir string) (*plan.Scenario, diag.List) {
	entries, err := os.ReadDir(filepath.Join(dir, Dir))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, diag.List{{File: Dir + "/", Message: "无法读取：" + diag.SysError(err)}}
	}
	var probs diag.List
	s := &plan.Scenario{}
	var opened []data.School
	schoolsFile := ""
	for _, e := range entries { // os.ReadDir sorts by name
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") {
			continue // Excel's lock files, hidden files
		}
		rel := path.Join(Dir, name)
		full := filepath.Join(dir, Dir, name)
		ext := strings.ToLower(filepath.Ext(name))
		if ext != ".csv" && ext != ".xlsx" {
			probs.Warn(rel, 0, "", "", "不是 .csv 或 .xlsx 文件，已忽略")
			continue
		}
		switch strings.TrimSuffix(name, filepath.Ext(name)) {
		case SchoolsFile:
			if schoolsFile != "" {
				probs.Add(rel, 0, "", "", "与 %s 同时存在，请只保留一个", schoolsFile)
				continue
			}
			schoolsFile = rel
			t, tp := data.LoadTable(full, rel)
			probs = append(probs, tp...)
			if t != nil {
				opened = t.Schools
			}
		case PupilsFile:
			recs, rp := data.ReadRecords(full, rel)
			probs = append(probs, rp...)
			if rp.Err() == nil {
				pj, pp := ParsePupils(recs, rel)
				probs = append(probs, pp...)
				s.Pupils = append(s.Pupils, pj...)
			}
		default:
			recs, rp := data.ReadRecords(full, rel)
			probs = append(probs, rp...)
			if rp.Err() == nil {
				ps, pp := ParseProjects(recs, rel)
				probs = append(probs, pp...)
				s.Projects = append(s.Projects, ps...)
			}
		}
	}
	probs = append(probs, attachSchools(s, opened, schoolsFile)...)
	if probs.Err() != nil {
		return nil, probs
	}
	return s, probs
}

// attachSchools gives each 新建学校 project its row of 新建学校.csv.
func attachSchools(s *plan.Scenario, opened []data.School, file string) diag.List {
	var probs diag.List
	used := map[string]bool{}
	for i := range s.Projects {
		p := &s.Projects[i]
		if p.Kind != plan.OpenSchool {
			continue
		}
		j := slices.IndexFunc(opened, func(o data.School) bool { return o.Code == p.Code })
		switch {
		case used[p.Code]:
			probs.Add(p.File, p.Row, "学校代码", p.Code, "这所学校已在另一行新建")
		case j < 0 && file == "":
			probs.Add(p.File, p.Row, "学校代码", p.Code, "新建学校的数据应在 %s/%s.csv（或 .xlsx）中，格式与学校数据表相同；找不到该文件", Dir, SchoolsFile)
		case j < 0:
			probs.Add(p.File, p.Row, "学校代码", p.Code, "%s 中没有这所学校", file)
		default:
			p.School = &opened[j]
		}
		used[p.Code] = true
	}
	for _, o := range opened {
		if !used[o.Code] {
			probs.Warn(file, o.Row, "学校代码", o.Code, "没有哪个规划项目新建这所学校（项目“新建学校”），已忽略")
		}
	}
	return probs
}

// column is a column of a plan file: its Chinese header, its English key and whether it must be there.
type column struct {
	header, key string
	required    bool
}

var projectColumns = []column{
	{"年份", "year", true},
	{"学校代码", "code", true},
	{"项目", "project", true},
	{"学段", "level", false},
	{"数量", "amount", false},
	{"教师类别", "teacher_sorts", false},
	{"目标学校代码", "target", false},
	{"备注", "note", false},
}

var pupilColumns = []column{
	{"学校代码", "code", true},
	{"年份", "year", true},
	{"小学在校生", "primary_students", false},
	{"初中在校生", "junior_students", false},
}

// kinds maps the 项目 a file may name to the project kinds, with the unit of its 数量 and
// whether the 数量 is a whole number.
type kindName struct {
	name    string
	kind    plan.ProjectKind
	unit    string
	integer bool
}

var kinds = []kindName{
	{"调出学生", plan.MovePupils, "人", true},
	{"增加教师", plan.HireTeachers, "人", true},
	{"新建教学及辅助用房", plan.BuildTeaching, "平方米", false},
	{"新建体育运动场馆", plan.BuildSports, "平方米", false},
	{"购置教学仪器设备", plan.BuyEquipment, "万元", false},
	{"增加网络多媒体教室", plan.AddMultimedia, "间", true},
	{"增加音乐专用教室", plan.AddMusicRooms, "间", true},
	{"增加美术专用教室", plan.AddArtRooms, "间", true},
	{"新建学校", plan.OpenSchool, "", false},
	{"并入学校", plan.MergeSchool, "", false},
}

var sorts = []struct{ name, key string }{{"高于规定学历", plan.Qualified}, {"骨干", plan.Backbone}, {"体育艺术", plan.PEArt}}

// Year bounds of a plan: a four-digit year near now; anything else is a typo.
const minYear, maxYear = 2000, 2100

// header maps the columns to their places in the header record; every problem is reported.
func header(rec data.Record, name string, cols []column) (map[string]int, diag.List) {
	var probs diag.List
	at := map[string]int{}
	var known []string
	for _, c := range cols {
		known = append(known, c.header)
	}
	for i, h := range rec.Cells {
		n := data.NormalizeHeader(h)
		if n == "" {
			continue
		}
		k := slices.IndexFunc(cols, func(c column) bool { return c.header == n || c.key == n })
		if k < 0 {
			probs.Add(name, rec.Row, data.HeaderColumn(i), h, "不是这个表的列（%s）%s", strings.Join(known, "、"), suggest.Hint(n, known))
			continue
		}
		if j, dup := at[cols[k].key]; dup {
			probs.Add(name, rec.Row, data.HeaderColumn(i), h, "与%s重复", data.HeaderColumn(j))
			continue
		}
		at[cols[k].key] = i
	}
	for _, c := range cols {
		if _, ok := at[c.key]; !ok && c.required {
			probs.Add(name, rec.Row, "", "", "缺少必需的列「%s」", c.header)
		}
	}
	return at, probs
}

// row is one data record with its columns.
type row struct {
	rec  data.Record
	at   map[string]int
	cols []column
	name string
}

func (r row) cell(key string) string {
	if i, ok := r.at[key]; ok && i < len(r.rec.Cells) {
		return r.rec.Cells[i]
	}
	return ""
}

func (r row) header(key string) string {
	for _, c := range r.cols {
		if c.key == key {
			return c.header
		}
	}
	return key
}

func (r row) add(probs *diag.List, key, format string, args ...any) {
	probs.Add(r.name, r.rec.Row, r.header(key), r.cell(key), format, args...)
}

// year reads the 年份 cell.
func (r row) year(probs *diag.List) int {
	c := r.cell("year")
	if c == "" {
		r.add(probs, "year", "不能为空")
		return 0
	}
	v, msg := data.ParseNumber(strings.TrimSuffix(c, "年"), true)
	switch {
	case msg != "":
		r.add(probs, "year", "%s", msg)
	case v < minYear || v > maxYear:
		r.add(probs, "year", "不是 %d–%d 之间的年份", minYear, maxYear)
	default:
		return int(v)
	}
	return 0
}

// code reads a school code cell.
func (r row) code(key string, probs *diag.List) string {
	c := r.cell(key)
	if c == "" {
		r.add(probs, key, "不能为空")
	}
	return c
}

// records splits a file's records into its header and its rows.
func records(recs []data.Record, name string, cols []column) ([]row, diag.List) {
	if len(recs) == 0 {
		return nil, diag.List{{File: name, Message: "文件是空的，没有表头行"}}
	}
	at, probs := header(recs[0], name, cols)
	if probs.Err() != nil {
		return nil, probs
	}
	out := make([]row, 0, len(recs)-1)
	for _, rec := range recs[1:] {
		out = append(out, row{rec: rec, at: at, cols: cols, name: name})
	}
	return out, probs
}

// ParseProjects reads the records of a list of projects (ReadRecords), reporting every problem
// of every row. What is checked against the schools (a code not in the table, a move of more
// pupils than a school has, a merger into a missing school) is checked by plan.Years.
func ParseProjects(recs []data.Record, name string) ([]plan.Project, diag.List) {
	rows, probs := records(recs, name, projectColumns)
	var out []plan.Project
	for _, r := range rows {
		p, ok := parseProject(r, &probs)
		if ok {
			out = append(out, p)
		}
	}
	return out, probs
}

func parseProject(r row, probs *diag.List) (plan.Project, bool) {
	n := len(*probs)
	p := plan.Project{File: r.name, Row: r.rec.Row, Year: r.year(probs), Code: r.code("code", probs)}
	name := r.cell("project")
	k := slices.IndexFunc(kinds, func(k kindName) bool { return k.name == name || string(k.kind) == name })
	if k < 0 {
		var names []string
		for _, k := range kinds {
			names = append(names, k.name)
		}
		if name == "" {
			r.add(probs, "project", "不能为空；可填：%s", strings.Join(names, "、"))
		} else {
			r.add(probs, "project", "不是可填的项目（%s）%s", strings.Join(names, "、"), suggest.Hint(name, names))
		}
		return p, false
	}
	kd := kinds[k]
	p.Kind = kd.kind
	needLevel := p.Kind == plan.MovePupils || p.Kind == plan.HireTeachers
	needTarget := p.Kind == plan.MovePupils || p.Kind == plan.MergeSchool
	needAmount := kd.unit != ""
	if lv := r.cell("level"); lv != "" || needLevel {
		switch lv {
		case "小学", string(standard.Primary):
			p.Level = standard.Primary
		case "初中", string(standard.Junior):
			p.Level = standard.Junior
		case "":
			r.add(probs, "level", "“%s”须填学段（小学或初中）", kd.name)
		default:
			r.add(probs, "level", "不是学段（小学或初中）")
		}
		if lv != "" && !needLevel {
			r.add(probs, "level", "“%s”不分学段，请留空", kd.name)
		}
	}
	if a := r.cell("amount"); needAmount {
		v, msg := data.ParseNumber(a, kd.integer)
		switch {
		case a == "":
			r.add(probs, "amount", "“%s”须填数量（%s）", kd.name, kd.unit)
		case msg != "":
			r.add(probs, "amount", "%s", msg)
		case v == 0:
			r.add(probs, "amount", "不能为 0")
		case v > standard.MaxCount:
			r.add(probs, "amount", "不能大于 %d（数值不合常理，请检查是否多填了位数）", standard.MaxCount)
		default:
			p.Amount = v
		}
	} else if a != "" {
		r.add(probs, "amount", "“%s”没有数量，请留空", kd.name)
	}
	if t := r.cell("target"); needTarget {
		p.Target = r.code("target", probs)
		if t != "" && t == p.Code {
			r.add(probs, "target", "与学校代码相同")
		}
	} else if t != "" {
		r.add(probs, "target", "只有“调出学生”“并入学校”填目标学校代码，请留空")
	}
	if s := r.cell("teacher_sorts"); s != "" {
		if p.Kind != plan.HireTeachers {
			r.add(probs, "teacher_sorts", "只有“增加教师”填教师类别，请留空")
		}
		p.Sorts = parseSorts(r, s, probs)
	}
	return p, len(*probs) == n
}

// parseSorts reads 教师类别: 高于规定学历、骨干、体育艺术, any of them, separated by 、 or commas.
func parseSorts(r row, cell string, probs *diag.List) []string {
	var out []string
	var names []string
	for _, s := range sorts {
		names = append(names, s.name)
	}
	for _, f := range strings.FieldsFunc(cell, func(c rune) bool { return strings.ContainsRune("、，,;；/ ", c) }) {
		k := slices.IndexFunc(sorts, func(s struct{ name, key string }) bool { return s.name == f || s.key == f })
		if k < 0 {
			r.add(probs, "teacher_sorts", "“%s”不是教师类别（%s，可填多个，用“、”分隔）%s", f, strings.Join(names, "、"), suggest.Hint(f, names))
			continue
		}
		if !slices.Contains(out, sorts[k].key) {
			out = append(out, sorts[k].key)
		}
	}
	return out
}

// ParsePupils reads the records of 学生预测: a school's projected pupils per year.
func ParsePupils(recs []data.Record, name string) ([]plan.Projection, diag.List) {
	rows, probs := records(recs, name, pupilColumns)
	var out []plan.Projection
	seen := map[string]int{}
	for _, r := range rows {
		n := len(probs)
		pj := plan.Projection{File: name, Row: r.rec.Row, Year: r.year(&probs), Code: r.code("code", &probs)}
		for _, c := range []struct {
			key string
			n   *data.Number
		}{{"primary_students", &pj.Primary}, {"junior_students", &pj.Junior}} {
			cell := r.cell(c.key)
			if cell == "" {
				continue
			}
			v, msg := data.ParseNumber(cell, true)
			switch {
			case msg != "":
				r.add(&probs, c.key, "%s", msg)
			case v > standard.MaxCount:
				r.add(&probs, c.key, "不能大于 %d（数值不合常理，请检查是否多填了位数）", standard.MaxCount)
			default:
				*c.n = data.Num(v)
			}
		}
		if len(probs) > n {
			continue
		}
		if !pj.Primary.Valid && !pj.Junior.Valid {
			r.add(&probs, "primary_students", "小学在校生、初中在校生至少填一个")
			continue
		}
		key := fmt.Sprintf("%s/%d", pj.Code, pj.Year)
		if first, dup := seen[key]; dup {
			r.add(&probs, "code", "与第%d行重复（同一学校同一年份）", first)
			continue
		}
		seen[key] = pj.Row
		out = append(out, pj)
	}
	return out, probs
}

// Problems turns plan.Years' problems into diag's.
func Problems(ps []plan.Problem) diag.List {
	var out diag.List
	for _, p := range ps {
		out.Add(p.File, p.Row, p.Column, p.Value, "%s", p.Message)
	}
	return out
}
