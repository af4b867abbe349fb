package statimport

import (
	"fmt"
	"strings"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/diag"
)

// merge updates the existing table with the records: every cell the statistics give is
// updated, every other cell (music and art rooms, 建成年份, funds, …) is kept; schools only in
// the table stay, schools only in the statistics are added at the end. Every changed cell is
// listed.
func (res *Result) merge(recs []*Record, rosters map[string]*RosterCounts, t *data.Table, probs *diag.List) {
	byCode := map[string]*Record{}
	for _, r := range recs {
		byCode[r.Code] = r
	}
	inTable := map[string]bool{}
	for i := range t.Schools {
		s := &t.Schools[i]
		inTable[s.Code] = true
		row := &Row{Code: s.Code, Name: s.Name, Old: map[string]string{}, Values: map[string]*Value{}}
		for _, key := range res.Keys {
			if c := data.ColumnByKey(key); c != nil && t.Has(key) {
				row.Old[key] = c.Format(s)
			}
		}
		r := byCode[s.Code]
		switch {
		case r != nil:
			row.Values = r.Values
		case len(recs) == 0 && rosters[s.Code] != nil: // a roster alone
			for _, key := range rosterKeys {
				level, _, _ := strings.Cut(key, "_")
				if level == "primary" && s.PrimaryStudents.Value == 0 || level == "junior" && s.JuniorStudents.Value == 0 {
					continue // the table leaves the figures of a level without students blank
				}
				row.Values[key] = rosters[s.Code].value(key, "")
			}
		case len(recs) > 0:
			probs.Warn(t.File, s.Row, "学校代码", s.Code, "%s 不在导入的统计数据中，这一行保留原样", s.Name)
		}
		res.keepBands(row)
		for _, key := range res.Keys {
			v := row.Values[key]
			if v == nil {
				continue
			}
			old, had := row.Old[key]
			if had && sameText(old, v.Text) {
				continue
			}
			res.Changes = append(res.Changes, Change{Code: s.Code, Name: s.Name, Column: header(key), Old: old, New: v.Text})
		}
		res.Rows = append(res.Rows, row)
	}
	for _, r := range recs {
		if inTable[r.Code] {
			continue
		}
		probs.Warn(r.Where, r.Row, "学校标识码", r.Code, "%s 不在 %s 中，已加在表末；统计中没有的列（音乐美术教室、建成年份、经费等）请补填", r.Name, t.File)
		res.Rows = append(res.Rows, &Row{Code: r.Code, Name: r.Name, Values: r.Values})
		res.Added++
	}
}

// keepBands keeps a 最大班额 the table has when it lies in the band the statistics give: the
// table's figure is the exact one, the band's end only a bound.
func (res *Result) keepBands(row *Row) {
	for _, key := range []string{"primary_max_class", "junior_max_class"} {
		v := row.Values[key]
		old, had := row.Old[key]
		if v == nil || v.band == nil || !had || old == "" {
			continue
		}
		n, ok := parseNumber(old)
		if !ok {
			continue
		}
		b := v.band
		if n >= int64(b.lo)*scale && (b.hi == 0 || n <= int64(b.hi)*scale) {
			kept := *v
			kept.Text = old
			kept.Note = fmt.Sprintf("统计只给出班额段%s，表中的 %s 在此段内，保留", b, old)
			kept.band = nil
			row.Values[key] = &kept
		}
	}
}

// notes adds what the clerk should know about the figures made.
func (res *Result) notes(probs *diag.List) {
	bound := 0
	for _, r := range res.Rows {
		for _, key := range []string{"primary_max_class", "junior_max_class"} {
			if v := r.Values[key]; v != nil && v.band != nil {
				bound++
			}
		}
	}
	if bound > 0 {
		probs.Warn("", 0, "", "", "%d 处最大班额取自最高的非空班额段的端点：统计只有班额段，这是上限（66人及以上为下限），不是实际的最大班额；请按各校实际核对（来源表中逐一注明）", bound)
	}
	if rs := res.Roster; rs != nil {
		res.Notes = append(res.Notes, fmt.Sprintf("花名册：计入专任教师 %d 人（兼职、代课及非专任 %d 人未计入）；本学年交流轮岗 %d 人，其中骨干教师 %d 人（填 county.toml 的教师交流轮岗各项时可参考）",
			rs.Teachers, rs.Excluded, rs.Exchange, rs.ExchangeBackbone))
	}
}
