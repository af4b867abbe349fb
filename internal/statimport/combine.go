package statimport

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/youjun-edu/youjun/internal/config"
	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/diag"
)

// indoorColumn says whether the import writes 室内体育用房面积 as a column of its own, with
// 教学及辅助用房面积 and 体育运动场馆面积 as the statistics give them (the school table then
// applies the R4/R5 rule itself, and every figure matches the statistics cell for cell). A new
// table has the column; a table merged into keeps its own convention: without the column, the
// import applies the rule, 教学及辅助用房面积 = 教学及辅助用房 − 室内体育用房 and
// 体育运动场馆面积 = 运动场地 + 室内体育用房.
func indoorColumn(existing *data.Table) bool {
	return existing == nil || existing.Has(IndoorSportsKey)
}

// Input is one file to import, read into sheets.
type Input struct {
	Name   string
	Sheets []*Sheet
}

// Options are the choices of one import.
type Options struct {
	Mapping      *Mapping
	MapName      string      // the mapping as messages name it
	Branches     string      // site.toml's [import] branches
	Existing     *data.Table // the site's school table to merge into; nil for a new table
	IndoorColumn bool        // see indoorColumn
	County       string      // site.toml's county, checked against 统计三级
}

// Result is the school table the import makes.
type Result struct {
	Keys    []string // the columns, in order
	Rows    []*Row
	Changes []Change
	Roster  *RosterSummary // nil without a roster
	Notes   []string       // what the clerk should know, beyond the problems
	Added   int            // schools not in the existing table
}

// Row is one school of the table made.
type Row struct {
	Code, Name string
	Values     map[string]*Value // what the import wrote
	Old        map[string]string // the existing table's cells, when merging
}

// Change is a cell of the existing table the import changed.
type Change struct {
	Code, Name, Column, Old, New string
}

// Text returns the cell of a column: the imported value, else the existing one.
func (r *Row) Text(key string) string {
	if v := r.Values[key]; v != nil {
		return v.Text
	}
	return r.Old[key]
}

// Import maps the inputs to the school table. It is pure: the files are read already.
func Import(inputs []Input, o Options) (*Result, diag.List) {
	var probs diag.List
	m := o.Mapping.forColumns(o.IndoorColumn)
	var recs []*Record
	rosters := map[string]*RosterCounts{}
	var summary *RosterSummary
	for _, in := range inputs {
		if IsWorkbook(in.Sheets) {
			r, p := m.WorkbookRecord(in.Sheets, o.MapName)
			probs = append(probs, p...)
			if r.Code != "" {
				recs = append(recs, r)
			}
			continue
		}
		used := false
		for _, s := range in.Sheets {
			if m.IsRoster(s) {
				rc, sum, p := m.ReadRoster(s, o.MapName)
				probs = append(probs, p...)
				for code, c := range rc {
					if _, dup := rosters[code]; dup {
						probs.Add(s.File, 0, "", code, "学校的教师在几份花名册中出现：同一所学校的教师请放在一份花名册里")
						continue
					}
					rosters[code] = c
				}
				if summary == nil {
					summary = &RosterSummary{}
				}
				summary.Teachers += sum.Teachers
				summary.Excluded += sum.Excluded
				summary.Exchange += sum.Exchange
				summary.ExchangeBackbone += sum.ExchangeBackbone
				used = true
				continue
			}
			t := ReadHeader(s, "", m.School.Code)
			if t == nil || t.Find(m.keys["code"]) < 0 {
				continue
			}
			rs, p := m.CountyRecords(t, o.MapName)
			probs = append(probs, p...)
			recs = append(recs, rs...)
			used = true
		}
		if !used {
			probs.Add(in.Name, 0, "", "", "不是县级汇总表、基层表或教师花名册：找不到「%s」列，也没有名如「教基1001_小学」的工作表，也没有花名册的「%s」「%s」列",
				m.School.Code, m.Roster.Level, m.Roster.Staffing)
		}
	}
	if probs.Err() != nil {
		return nil, probs
	}
	checkCounty(recs, o.County, &probs)
	recs = dedupe(recs, &probs)
	recs = branches(recs, o.Branches, &probs)
	if probs.Err() != nil {
		return nil, probs
	}
	res := &Result{Keys: outputKeys(o.IndoorColumn)}
	for _, r := range recs {
		if len(r.merged) > 0 {
			res.Notes = append(res.Notes, fmt.Sprintf("%s 并入了不计校数的 %s（site.toml：branches = \"合并\"）", r.Name, strings.Join(r.merged, "、")))
		}
	}
	if len(recs) == 0 && o.Existing == nil {
		probs.Add("", 0, "", "", "没有可导入的学校：请同时给出县级汇总表或基层表（花名册只能补充已有学校的教师数）")
		return nil, probs
	}
	applyRoster(recs, rosters, o.Existing, &probs)
	for _, r := range recs {
		dropEmptyLevels(r.Values)
	}
	if summary != nil {
		res.Roster = summary
	}
	if o.Existing == nil {
		for _, r := range recs {
			res.Rows = append(res.Rows, &Row{Code: r.Code, Name: r.Name, Values: r.Values})
		}
	} else {
		res.merge(recs, rosters, o.Existing, &probs)
	}
	res.notes(&probs)
	return res, probs
}

// forColumns returns the mapping as the table's columns need it: with the column 室内体育用房面积,
// its cells leave 教学及辅助用房 and 运动场地 as the statistics have them; without, they are not
// read on their own.
func (m *Mapping) forColumns(indoor bool) *Mapping {
	c := *m
	c.rules = nil
	var indoorPaths []Path
	for _, r := range m.rules {
		if r.key == IndoorSportsKey {
			indoorPaths = r.sum
		}
	}
	isIndoor := func(p Path) bool { return slices.ContainsFunc(indoorPaths, p.equal) }
	for _, r := range m.rules {
		switch {
		case r.key == IndoorSportsKey && !indoor:
			continue
		case indoor && (r.key == "teaching_area" || r.key == "sports_area"):
			r.sum = slices.DeleteFunc(slices.Clone(r.sum), isIndoor)
			r.minus = slices.DeleteFunc(slices.Clone(r.minus), isIndoor)
		}
		c.rules = append(c.rules, r)
	}
	return &c
}

// outputKeys are the columns of the table written: those of the 填报模板 (all but the
// alternative 元 column), 室内体育用房面积 only when it is written.
func outputKeys(indoor bool) []string {
	var keys []string
	for _, c := range data.Columns {
		if c.Key == "equipment_value_yuan" {
			continue
		}
		if c.Key == IndoorSportsKey && !indoor {
			continue
		}
		keys = append(keys, c.Key)
	}
	return keys
}

// dedupe keeps one record per school: a school in two statistics files must have the same
// figures in both.
func dedupe(recs []*Record, probs *diag.List) []*Record {
	first := map[string]*Record{}
	var out []*Record
	for _, r := range recs {
		f, dup := first[r.Code]
		if !dup {
			first[r.Code] = r
			out = append(out, r)
			continue
		}
		if f.File == r.File {
			probs.Add(r.Where, r.Row, "学校标识码", r.Code, "与第%d行重复", f.Row)
			continue
		}
		for _, key := range slices.Sorted(maps.Keys(r.Values)) {
			a, b := f.Values[key], r.Values[key]
			if a != nil && b != nil && !sameText(a.Text, b.Text) {
				probs.Add(r.Where, r.Row, header(key), b.Text, "与 %s 第%d行的「%s」不一致", f.Where, f.Row, a.Text)
			}
		}
	}
	return out
}

// sameText compares two cells, numbers by value (7287.40 is 7287.4).
func sameText(a, b string) bool {
	if a == b {
		return true
	}
	x, ok1 := parseNumber(a)
	y, ok2 := parseNumber(b)
	return ok1 && ok2 && a != "" && b != "" && x == y
}

// branches applies site.toml's rule to the rows the statistics do not count as schools.
func branches(recs []*Record, rule string, probs *diag.List) []*Record {
	byCode := map[string]*Record{}
	for _, r := range recs {
		byCode[r.Code] = r
	}
	var out []*Record
	for _, r := range recs {
		if r.Counted {
			out = append(out, r)
			continue
		}
		switch rule {
		case config.BranchOwn:
			out = append(out, r)
		case config.BranchMerge:
			p := byCode[r.Parent]
			switch {
			case r.Parent == "":
				probs.Add(r.Where, r.Row, "所属学校标识码", "", "%s 不计校数，按 site.toml 的 [import] branches = \"合并\" 应并入所属学校，但没有填所属学校标识码", r.Name)
			case p == nil || !p.Counted:
				probs.Add(r.Where, r.Row, "所属学校标识码", r.Parent, "%s 不计校数，应并入所属学校，但统计数据中没有这所（计校数的）学校", r.Name)
			default:
				mergeInto(p, r)
			}
		default:
			probs.Add(r.Where, r.Row, "是否计校数", "0", "%s 是教学点或分校区（不计校数）：请在 site.toml 中写明处理规则：[import] 下写 branches = \"合并\"（并入所属学校）或 branches = \"单列\"（作为独立校区）", r.Name)
		}
	}
	return out
}

// mergeInto adds a branch site's figures to its school: counts and areas add up, the largest
// class is the larger one.
func mergeInto(p, b *Record) {
	p.merged = append(p.merged, fmt.Sprintf("%s（%s 第%d行）", b.Name, b.Where, b.Row))
	p.codes = append(p.codes, b.Code)
	for key, bv := range b.Values {
		switch key {
		case "code", "name", "type", "ownership", "area":
			continue
		}
		pv := p.Values[key]
		if pv == nil {
			p.Values[key] = bv
			continue
		}
		x, _ := parseNumber(pv.Text)
		y, _ := parseNumber(bv.Text)
		merged := &Value{Sources: append(slices.Clone(pv.Sources), bv.Sources...)}
		if strings.HasSuffix(key, "_max_class") {
			merged.band, merged.Text, merged.Note = pv.band, pv.Text, pv.Note
			if y > x {
				merged.band, merged.Text, merged.Note = bv.band, bv.Text, bv.Note
			}
		} else {
			merged.Text = formatNumber(x + y)
			merged.Note = "含并入的教学点或分校区：" + pv.Text + " + " + bv.Text
		}
		p.Values[key] = merged
	}
}

// applyRoster puts the roster's counts beside the statistics: where the statistics have a
// count, it is kept (the report must agree with them) and a roster that disagrees is reported;
// what the statistics lack (持证专任教师数) comes from the roster.
func applyRoster(recs []*Record, rosters map[string]*RosterCounts, existing *data.Table, probs *diag.List) {
	if len(rosters) == 0 {
		return
	}
	known := map[string]bool{}
	for _, r := range recs {
		known[r.Code] = true
		rc := rosters[r.Code]
		for _, code := range r.codes { // a merged branch site's teachers are the school's
			known[code] = true
			rc = rc.plus(rosters[code])
		}
		if rc == nil {
			probs.Warn(r.Where, r.Row, "学校标识码", r.Code, "%s 在花名册中没有教师", r.Name)
			continue
		}
		r.Roster = rc
		for _, key := range rosterKeys {
			rv := rc.value(key, "")
			sv := r.Values[key]
			if sv == nil {
				r.Values[key] = rv
				continue
			}
			if !sameText(sv.Text, rv.Text) {
				probs.Warn(rc.File, 0, data.HeaderOf(key), rv.Text, "%s（%s）：花名册计得 %s 人，事业统计为 %s 人，不一致；写入事业统计的数，请核对花名册（第%s行）",
					r.Name, r.Code, rv.Text, sv.Text, rv.Sources[0].Rows)
			}
		}
	}
	if existing != nil && len(recs) == 0 {
		return // a roster alone: merge applies it to the table's schools
	}
	for _, code := range slices.Sorted(maps.Keys(rosters)) {
		if !known[code] {
			probs.Warn(rosters[code].File, 0, "学校代码", code, "花名册中的这所学校不在统计数据中（%d 名教师未计入）", rosters[code].Teacher)
		}
	}
}

// dropEmptyLevels leaves out the figures of a level the school has no students at: a 小学 has no
// 初中班数, and the table leaves such cells blank rather than 0.
func dropEmptyLevels(values map[string]*Value) {
	for _, level := range []string{"primary", "junior"} {
		v := values[level+"_students"]
		if v == nil || v.Text != "0" {
			continue
		}
		for key := range values {
			if strings.HasPrefix(key, level+"_") && key != level+"_students" {
				delete(values, key)
			}
		}
	}
}

// checkCounty warns of schools the export places in another county (统计三级): an export of the
// whole city, or of the wrong county.
func checkCounty(recs []*Record, county string, probs *diag.List) {
	seen := map[string]bool{}
	for _, r := range recs {
		if county == "" || r.County == "" || r.County == county || seen[r.County] {
			continue
		}
		seen[r.County] = true
		n := 0
		for _, o := range recs {
			if o.County == r.County {
				n++
			}
		}
		probs.Warn(r.Where, r.Row, "统计三级", r.County, "与 site.toml 的县名「%s」不同（共 %d 所学校）：是否导出了别的县或全市的数据？", county, n)
	}
}
