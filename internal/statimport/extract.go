package statimport

import (
	"regexp"
	"slices"
	"strings"

	"github.com/youjun-edu/youjun/internal/diag"
)

// locator finds the cell of a header path for one school: in a row of the county export, or in
// the sheets of a per-school workbook. found is false when the school's file has no such table
// (a 小学's workbook has no 初中 sheet); a path that should be there and is not is reported.
type locator func(p Path) (t *Table, row, col int, found bool)

// readRecord makes a school's record from the cells the mapping names.
func (m *Mapping) readRecord(loc locator, mapName string, probs *diag.List) *Record {
	r := &Record{Values: map[string]*Value{}, Counted: true}
	text := func(key string) (string, Source, bool) {
		p, ok := m.keys[key]
		if !ok {
			return "", Source{}, false
		}
		t, row, col, found := loc(p)
		if !found {
			return "", Source{}, false
		}
		return strings.TrimSpace(t.Sheet.cell(row, col)), source(t, row, col, ""), true
	}
	for _, key := range []string{"code", "name"} {
		if v, src, ok := text(key); ok {
			r.Values[key] = &Value{Text: v, Sources: []Source{src}}
		}
	}
	if v := r.Values["code"]; v != nil {
		r.Code, r.File, r.Row = v.Text, v.Sources[0].File, v.Sources[0].Row
		r.Where = v.Sources[0].File
		if v.Sources[0].Sheet != "" {
			r.Where += " 工作表「" + v.Sources[0].Sheet + "」"
		}
	}
	if v := r.Values["name"]; v != nil {
		r.Name = v.Text
	}
	for _, c := range []struct {
		key    string
		values map[string]string
		prefix bool
	}{{"type", m.Values.Type, false}, {"ownership", m.Values.Ownership, false}, {"area", m.Values.Area, true}} {
		v, src, ok := text(c.key)
		if !ok || v == "" {
			continue
		}
		choice := mapValue(v, c.values, c.prefix)
		if choice == "" {
			hint := suggestPath(stripCode(v), keys(c.values))
			probs.Add(sourceWhere(src), src.Row, src.Path, v, "对应表（%s）的 [values.%s] 中没有这个取值%s", mapName, c.key, hint)
			continue
		}
		r.Values[c.key] = &Value{Text: choice, Sources: []Source{src}, Note: "「" + v + "」→「" + choice + "」"}
	}
	if v, src, ok := text("counted"); ok {
		switch normalize(v) {
		case "0", "否":
			r.Counted = false
		case "1", "是", "":
		default:
			probs.Add(sourceWhere(src), src.Row, src.Path, v, "应为 1（计校数）或 0（不计校数）")
		}
	}
	if v, _, ok := text("parent"); ok {
		r.Parent = v
	}
	if v, _, ok := text("county"); ok {
		r.County = stripCode(normalize(v))
	}
	for _, ru := range m.rules {
		if v := readRule(ru, loc, probs); v != nil {
			r.Values[ru.key] = v
		}
	}
	return r
}

// readRule computes one column; nil when none of its tables is in the school's file.
func readRule(ru rule, loc locator, probs *diag.List) *Value {
	if len(ru.bands) > 0 {
		return readBands(ru, loc, probs)
	}
	var sum int64
	v := &Value{}
	any, bad := false, false
	for i, list := range [][]Path{ru.sum, ru.minus} {
		for _, p := range list {
			t, row, col, found := loc(p)
			if !found {
				continue
			}
			any = true
			op := "+"
			if i == 1 {
				op = "−"
			}
			src := source(t, row, col, op)
			n, ok := parseNumber(src.Value)
			if !ok {
				probs.Add(sourceWhere(src), src.Row, cellRef(t.Paths[col], row, col), src.Value, "不是数字")
				bad = true
				continue
			}
			if i == 1 {
				n = -n
			}
			sum += n
			v.Sources = append(v.Sources, src)
		}
	}
	if !any || bad {
		return nil
	}
	if len(v.Sources) == 1 {
		v.Sources[0].Op = ""
	}
	if sum < 0 {
		s := v.Sources[0]
		probs.Add(sourceWhere(s), s.Row, header(ru.key), formatNumber(sum), "算得负数（%s），请核对统计数据", formula(v.Sources))
		return nil
	}
	v.Text = formatNumber(sum)
	if len(v.Sources) > 1 {
		v.Note = formula(v.Sources)
	}
	return v
}

// formula writes how a value was computed: 8287.4 − 1000.
func formula(srcs []Source) string {
	var b strings.Builder
	for i, s := range srcs {
		n, _ := parseNumber(s.Value)
		switch {
		case s.Op == "−":
			b.WriteString(" − ")
		case i > 0:
			b.WriteString(" + ")
		}
		b.WriteString(formatNumber(n))
	}
	return b.String()
}

// readBands takes the top non-empty class-size band: its upper end is the largest a class can
// be, not the largest class there is.
func readBands(ru rule, loc locator, probs *diag.List) *Value {
	var top *band
	var topSrc Source
	any := false
	for i := range ru.bands {
		b := &ru.bands[i]
		t, row, col, found := loc(b.path)
		if !found {
			continue
		}
		any = true
		src := source(t, row, col, "班额段")
		n, ok := parseNumber(src.Value)
		if !ok {
			probs.Add(sourceWhere(src), src.Row, cellRef(t.Paths[col], row, col), src.Value, "不是数字")
			return nil
		}
		if n > 0 && (top == nil || b.lo >= top.lo) {
			top, topSrc = b, src
		}
	}
	if !any || top == nil {
		return nil
	}
	v := &Value{Sources: []Source{topSrc}, band: top}
	if top.hi == 0 {
		v.Text = formatNumber(int64(top.lo) * scale)
		v.Note = "最高的非空班额段为" + top.String() + "，取其下限（实际最大班额不小于此数）"
	} else {
		v.Text = formatNumber(int64(top.hi) * scale)
		v.Note = "最高的非空班额段为" + top.String() + "，取其上限（实际最大班额不大于此数）"
	}
	return v
}

// sourceWhere names the file and sheet of a source.
func sourceWhere(s Source) string {
	if s.Sheet == "" {
		return s.File
	}
	return s.File + " 工作表「" + s.Sheet + "」"
}

// mapValue maps a statistics value to a choice of the school table. A leading code
// (「211 小学」) is dropped; with prefix, the keys are starts of a code (城乡类型代码 121).
func mapValue(v string, values map[string]string, prefix bool) string {
	v = normalize(v)
	if prefix {
		best := ""
		for k := range values {
			if strings.HasPrefix(v, k) && len(k) > len(best) {
				best = k
			}
		}
		if best == "" {
			return ""
		}
		return values[best]
	}
	if c, ok := values[v]; ok {
		return c
	}
	return values[stripCode(v)]
}

var leadingCode = regexp.MustCompile(`^[0-9]+\s*`)

func stripCode(v string) string { return leadingCode.ReplaceAllString(v, "") }

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// isTotalRow reports a row of sums (合计、总计、小计) that the export puts below the schools.
func isTotalRow(row []string) bool {
	for _, c := range row {
		c = normalize(c)
		if strings.Contains(c, "合计") || strings.Contains(c, "总计") || strings.Contains(c, "小计") {
			return true
		}
	}
	return false
}

// CountyRecords reads the schools of a county export: one row per school below the header.
func (m *Mapping) CountyRecords(t *Table, mapName string) ([]*Record, diag.List) {
	var probs diag.List
	codeCol := lookup(t, m.keys["code"], mapName, &probs)
	cols := map[string]int{m.keys["code"].String(): codeCol}
	check := func(p Path) {
		if _, done := cols[p.String()]; !done {
			cols[p.String()] = lookup(t, p, mapName, &probs)
		}
	}
	for _, key := range []string{"name", "type", "ownership", "area", "counted", "parent", "county"} {
		if p, ok := m.keys[key]; ok {
			if key != "counted" && slices.Contains(optionalKeys, key) && t.Find(p) == -1 {
				cols[p.String()] = -1
				continue
			}
			check(p)
		}
	}
	for _, ru := range m.rules {
		for _, p := range ru.paths() {
			check(p)
		}
	}
	if probs.Err() != nil {
		return nil, probs
	}
	var recs []*Record
	for row := t.First; row < len(t.Sheet.Rows); row++ {
		cells := t.Sheet.Rows[row]
		if isBlank(cells) {
			continue
		}
		if strings.TrimSpace(t.Sheet.cell(row, codeCol)) == "" {
			if !isTotalRow(cells) {
				probs.Warn(where(t.Sheet), row+1, m.keys["code"].String(), "", "这一行没有学校标识码，已跳过")
			}
			continue
		}
		loc := func(p Path) (*Table, int, int, bool) {
			col, ok := cols[p.String()]
			if !ok || col < 0 {
				return nil, 0, 0, false
			}
			return t, row, col, true
		}
		recs = append(recs, m.readRecord(loc, mapName, &probs))
	}
	return recs, probs
}

// optionalKeys are the school's columns a file may lack: 所属学校 is needed only to merge
// branch sites, 统计三级 only to check the county. A per-school workbook may leave out
// 是否计校数 too; the county export may not, since it alone tells a branch site.
var optionalKeys = []string{"parent", "county", "counted"}

// paths lists every path of a rule.
func (ru rule) paths() []Path {
	out := append(slices.Clone(ru.sum), ru.minus...)
	for _, b := range ru.bands {
		out = append(out, b.path)
	}
	return out
}

func isBlank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
