package statimport

import (
	"regexp"
	"strings"

	"github.com/youjun-edu/youjun/internal/diag"
)

// sheetTable reads the 表号 of a per-school sheet: 「教基3112_小学」 → 教基3112, 「教基1102续_初级中学」
// → 教基1102 (a table continued on a second sheet), 「基础基111…」 → 基础基111 (before 2021-10).
var sheetTable = regexp.MustCompile(`^((?:教基|基础基)[0-9]+)续?(?:[_＿\-－ ].*)?$`)

// tableID returns the 表号 of a sheet name, or "".
func tableID(name string) string {
	if m := sheetTable.FindStringSubmatch(strings.TrimSpace(name)); m != nil {
		return m[1]
	}
	return ""
}

// IsWorkbook reports whether the sheets are a per-school workbook (基层表).
func IsWorkbook(sheets []*Sheet) bool {
	for _, s := range sheets {
		if tableID(s.Name) != "" {
			return true
		}
	}
	return false
}

// isTableID reports whether the first level of a path is a 表号.
func isTableID(s string) bool { return tableID(s) == s && s != "" }

// WorkbookRecord reads one school from its per-school workbook: each sheet is a table with its
// header, then the school's row (the 合计 row when the sheet has several).
func (m *Mapping) WorkbookRecord(sheets []*Sheet, mapName string) (*Record, diag.List) {
	var probs diag.List
	type tableRow struct {
		t   *Table
		row int
	}
	byID := map[string][]tableRow{}
	var all []tableRow
	used := map[string]bool{"教基1001": true} // 基本情况: the school's identity
	for _, r := range m.rules {
		for _, p := range r.paths() {
			used[p[0]] = true
		}
	}
	for _, s := range sheets {
		id := tableID(s.Name)
		if id == "" {
			continue
		}
		if alias, ok := m.Tables[id]; ok {
			id = alias
		}
		if !used[id] {
			probs.Warn(where(s), 0, "", "", "对应表中没有表号「%s」的栏目，这张表未读取；若是旧版基层表，请在站点的 %s 的 [tables] 中写出旧表号与新表号的对应", id, OverrideFile)
			continue
		}
		t := m.bestHeader(s, id)
		if t == nil {
			continue
		}
		row := dataRow(t)
		if row < 0 {
			probs.Add(where(s), t.First+1, "", "", "表中有多行数据，但没有「合计」行：基层表应只有本校一行，或有一行合计")
			continue
		}
		tr := tableRow{t, row}
		byID[id] = append(byID[id], tr)
		all = append(all, tr)
	}
	reported := map[string]bool{}
	for _, key := range optionalKeys {
		if p, ok := m.keys[key]; ok {
			reported[p.String()] = true // not looked for: a workbook need not have them
		}
	}
	loc := func(p Path) (*Table, int, int, bool) {
		candidates := all
		if isTableID(p[0]) {
			candidates = byID[p[0]]
			if len(candidates) == 0 {
				return nil, 0, 0, false
			}
		}
		for _, tr := range candidates {
			if tr.row >= 0 {
				if col := tr.t.Find(p); col >= 0 {
					return tr.t, tr.row, col, true
				}
			}
		}
		if !reported[p.String()] && len(candidates) > 0 {
			reported[p.String()] = true
			var have []string
			for _, tr := range candidates {
				have = append(have, tr.t.PathStrings()...)
			}
			s := candidates[0].t.Sheet
			msg := "找不到对应表中的栏目「" + p.String() + "」"
			if h := pathHint(p, have); h != "" {
				msg += h
			}
			probs.Add(where(s), candidates[0].t.HeadTop+1, "", "", "%s（%s）", msg, mapName)
		}
		return nil, 0, 0, false
	}
	r := m.readRecord(loc, mapName, &probs)
	if r.Code == "" && probs.Err() == nil {
		probs.Add(sheets[0].File, 0, "", "", "基层表中找不到学校标识码（应在「教基1001」表中）")
	}
	// A school without the students table of a level has no students at that level.
	for _, ru := range m.rules {
		if strings.HasSuffix(ru.key, "_students") && ru.key != "migrant_students" && r.Values[ru.key] == nil && len(ru.sum) > 0 {
			r.Values[ru.key] = &Value{Text: "0", Note: "基层表中没有「" + ru.sum[0][0] + "」表，按 0 计",
				Sources: []Source{{File: sheets[0].File, Path: "（没有「" + ru.sum[0][0] + "」表）"}}}
		}
	}
	return r, probs
}

// dataRow returns the row holding the school's figures: the only data row, or the one labelled
// 合计/总计; -1 when there are several and none is a total.
func dataRow(t *Table) int {
	var rows []int
	for row := t.First; row < len(t.Sheet.Rows); row++ {
		if isBlank(t.Sheet.Rows[row]) {
			continue
		}
		if isTotalRow(t.Sheet.Rows[row]) {
			return row
		}
		rows = append(rows, row)
	}
	switch len(rows) {
	case 0:
		return t.First // an empty table: every figure 0
	case 1:
		return rows[0]
	}
	return -1
}

// bestHeader reads the header of a per-school sheet. A title and a group label merged across the
// whole table look alike; the header is where the most of the mapping's paths for the table
// are found, the first such row when several are as good.
func (m *Mapping) bestHeader(s *Sheet, id string) *Table {
	var want []Path
	for _, r := range m.rules {
		for _, p := range r.paths() {
			if p[0] == id {
				want = append(want, p)
			}
		}
	}
	for _, p := range m.keys {
		want = append(want, p)
	}
	best, bestScore := ReadHeader(s, id, ""), -1
	for top := range min(len(s.Rows), maxTitleRows) {
		t := readHeaderAt(s, id, "", top)
		if t == nil {
			break
		}
		score := 0
		for _, p := range want {
			if t.Find(p) >= 0 {
				score++
			}
		}
		if score > bestScore && score > 0 {
			best, bestScore = t, score
		}
	}
	return best
}
