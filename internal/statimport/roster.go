package statimport

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/youjun-edu/youjun/internal/diag"
)

// RosterCounts are one school's full-time teachers as its roster counts them.
type RosterCounts struct {
	File    string
	counts  map[string][]int // by column key: the 1-based rows counted
	Teacher int              // every counted teacher (for messages)
}

// RosterSummary is what a roster tells about the county beyond the school table.
type RosterSummary struct {
	Teachers         int // counted full-time teachers
	Excluded         int // 兼职、代课 and teachers not full-time, left out
	Exchange         int // 本学年交流轮岗
	ExchangeBackbone int // of them, 骨干
}

// teachingRank orders the levels a teacher teaches at and a certificate's level: a certificate
// covers its level and those below (an 初中 certificate covers 小学).
var teachingRank = map[string]int{"幼儿园": 0, "小学": 1, "初中": 2, "高中": 3, "中职": 3, "特殊教育": 1}

// IsRoster reports whether a sheet's first header row has the roster's level and staffing
// columns.
func (m *Mapping) IsRoster(s *Sheet) bool {
	t := ReadHeader(s, "", "")
	if t == nil || m.Roster.Level == "" || m.Roster.Staffing == "" {
		return false
	}
	return t.Find(Path{normalize(m.Roster.Level)}) >= 0 && t.Find(Path{normalize(m.Roster.Staffing)}) >= 0
}

// ReadRoster counts the teachers of a roster by school code.
func (m *Mapping) ReadRoster(s *Sheet, mapName string) (map[string]*RosterCounts, RosterSummary, diag.List) {
	var probs diag.List
	var sum RosterSummary
	t := ReadHeader(s, "", "")
	rk := m.Roster
	col := map[string]int{}
	for _, c := range []struct {
		key, label string
		required   bool
	}{{"code", rk.Code, true}, {"id", rk.ID, false}, {"name", rk.Name, false}, {"level", rk.Level, true}, {"degree", rk.Degree, true},
		{"backbone", rk.Backbone, true}, {"subject", rk.Subject, true}, {"certificate", rk.Certificate, true},
		{"full_time", rk.FullTime, true}, {"exchange", rk.Exchange, false}, {"staffing", rk.Staffing, true}} {
		col[c.key] = -1
		if c.label == "" {
			continue
		}
		i := t.Find(Path{normalize(c.label)})
		if i < 0 && c.required {
			probs.Add(where(s), t.HeadTop+1, "", "", "花名册缺少列「%s」（%s 的 [roster]）%s", c.label, mapName, suggestPath(c.label, t.PathStrings()))
		}
		col[c.key] = i
	}
	if probs.Err() != nil {
		return nil, sum, probs
	}
	cell := func(row int, key string) string {
		if col[key] < 0 {
			return ""
		}
		return normalize(s.cell(row, col[key]))
	}
	bad := func(row int, key, v, format string, args ...any) {
		probs.Add(where(s), row+1, t.Paths[col[key]].String(), v, format, args...)
	}
	levels := []string{"小学", "初中", "高中", "中职", "特殊教育"}
	out := map[string]*RosterCounts{}
	ids := map[string]int{}
	for row := t.First; row < len(s.Rows); row++ {
		if isBlank(s.Rows[row]) {
			continue
		}
		if id := cell(row, "id"); id != "" {
			if first, dup := ids[id]; dup {
				bad(row, "id", id, "与第%d行重复：一名教师只能有一行", first)
				continue
			}
			ids[id] = row + 1
		}
		code := cell(row, "code")
		if code == "" {
			bad(row, "code", "", "不能为空")
			continue
		}
		switch st := cell(row, "staffing"); {
		case slices.Contains(rk.ExcludedStaffing, st):
			sum.Excluded++
			continue
		case !slices.Contains(rk.CountedStaffing, st):
			all := append(slices.Clone(rk.CountedStaffing), rk.ExcludedStaffing...)
			bad(row, "staffing", st, "不是可识别的编制（计入：%s；不计入：%s）%s", strings.Join(rk.CountedStaffing, "、"),
				strings.Join(rk.ExcludedStaffing, "、"), suggestPath(st, all))
			continue
		}
		switch ft := cell(row, "full_time"); ft {
		case "是":
		case "否":
			sum.Excluded++
			continue
		default:
			bad(row, "full_time", ft, "应为“是”或“否”")
			continue
		}
		level := cell(row, "level")
		if !slices.Contains(levels, level) {
			bad(row, "level", level, "不是可识别的任教学段（可填：%s）%s", strings.Join(levels, "、"), suggestPath(level, levels))
			continue
		}
		rc := out[code]
		if rc == nil {
			rc = &RosterCounts{File: s.File, counts: map[string][]int{}}
			out[code] = rc
		}
		add := func(key string) { rc.counts[key] = append(rc.counts[key], row+1) }
		rc.Teacher++
		sum.Teachers++
		add("teachers")
		cert := cell(row, "certificate")
		if r, ok := teachingRank[cert]; ok && r >= teachingRank[level] && cert != "幼儿园" {
			add("certified_teachers")
		} else if cert != "" && cert != "无" && !ok {
			bad(row, "certificate", cert, "不是可识别的教师资格证学段（幼儿园、小学、初中、高中、中职，无证留空或填“无”）")
		}
		isBackbone := false
		if b := cell(row, "backbone"); b != "" && !slices.Contains(rk.NotBackbone, b) {
			isBackbone = slices.ContainsFunc(rk.BackboneLevels, func(l string) bool { return strings.Contains(b, l) })
			if !isBackbone {
				bad(row, "backbone", b, "不是可识别的骨干级别（计入：%s；不计入：%s，或留空）", strings.Join(rk.BackboneLevels, "、"), strings.Join(rk.NotBackbone, "、"))
			}
		}
		if d := cell(row, "degree"); !knownDegree(rk, d) {
			bad(row, "degree", d, "不是可识别的学历（可在 %s 的 [roster] other_degrees 中补充）%s", OverrideFile, suggestPath(d, allDegrees(rk)))
		}
		if lv, ok := map[string]string{"小学": "primary", "初中": "junior"}[level]; ok {
			if slices.Contains(rk.Qualified[level], cell(row, "degree")) {
				add(lv + "_qualified_teachers")
			}
			if isBackbone {
				add(lv + "_backbone_teachers")
			}
			if slices.Contains(rk.PEArtSubjects, cell(row, "subject")) {
				add(lv + "_pe_art_teachers")
			}
		}
		if cell(row, "exchange") == "是" {
			sum.Exchange++
			if isBackbone {
				sum.ExchangeBackbone++
			}
		}
	}
	return out, sum, probs
}

// rosterRules says in the 来源 sheet what each count of the roster counts.
var rosterRules = map[string]string{
	"teachers":                   "专任教师（编制为计入的类别）",
	"certified_teachers":         "专任教师中教师资格证学段不低于任教学段的",
	"primary_qualified_teachers": "任教学段为小学、最高学历为专科及以上的",
	"junior_qualified_teachers":  "任教学段为初中、最高学历为本科及以上的",
	"primary_backbone_teachers":  "任教学段为小学的县级及以上骨干",
	"junior_backbone_teachers":   "任教学段为初中的县级及以上骨干",
	"primary_pe_art_teachers":    "任教学段为小学、任教学科为体育或艺术的",
	"junior_pe_art_teachers":     "任教学段为初中、任教学科为体育或艺术的",
}

// RosterKeys lists the columns a roster counts, in the table's order.
var rosterKeys = []string{"primary_qualified_teachers", "junior_qualified_teachers", "primary_backbone_teachers",
	"junior_backbone_teachers", "primary_pe_art_teachers", "junior_pe_art_teachers", "teachers", "certified_teachers"}

// value returns the roster's count for a column as a Value of the school table.
func (rc *RosterCounts) value(key, sheet string) *Value {
	rows := rc.counts[key]
	n := strconv.Itoa(len(rows))
	return &Value{Text: n, Sources: []Source{{File: rc.File, Sheet: sheet, Path: "花名册：" + rosterRules[key], Value: n, Rows: rowRanges(rows)}},
		Note: fmt.Sprintf("花名册 %d 人", len(rows))}
}

// rowRanges writes sorted row numbers compactly: 3-5、9.
func rowRanges(rows []int) string {
	var b strings.Builder
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteString("、")
		}
		if j > i {
			fmt.Fprintf(&b, "%d-%d", rows[i], rows[j])
		} else {
			fmt.Fprintf(&b, "%d", rows[i])
		}
		i = j + 1
	}
	return b.String()
}

// allDegrees lists the degrees the mapping knows.
func allDegrees(rk RosterKeys) []string {
	out := slices.Clone(rk.OtherDegrees)
	for _, l := range slices.Sorted(maps.Keys(rk.Qualified)) {
		for _, d := range rk.Qualified[l] {
			if !slices.Contains(out, d) {
				out = append(out, d)
			}
		}
	}
	return out
}

func knownDegree(rk RosterKeys, d string) bool { return slices.Contains(allDegrees(rk), d) }

// plus returns the counts of two schools together (a branch site merged into its school).
func (rc *RosterCounts) plus(o *RosterCounts) *RosterCounts {
	if rc == nil || o == nil {
		if rc == nil {
			return o
		}
		return rc
	}
	sum := &RosterCounts{File: rc.File, counts: map[string][]int{}, Teacher: rc.Teacher + o.Teacher}
	for _, key := range rosterKeys {
		rows := append(slices.Clone(rc.counts[key]), o.counts[key]...)
		slices.Sort(rows)
		sum.counts[key] = rows
	}
	return sum
}
