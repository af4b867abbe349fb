package audit

import (
	"fmt"
	"strings"

	"github.com/youjun-edu/youjun/internal/data"
)

// Teacher is one counted teacher of a roster (教师花名册): where the row is, the school it
// counts him at (学校代码), and what identifies him (身份证号 or 工号, as the roster's id column
// holds; else his name is not enough to tell two teachers apart and the row is not checked).
type Teacher struct {
	File string
	Row  int
	Code string // 学校代码
	ID   string
	Name string
}

// rosterFindings flags a teacher at two or more schools: the same ID with the same name (a
// 工号 may be numbered per school, and two teachers may share a name). A teacher counted twice
// adds to both schools' teachers per hundred pupils. Within one roster file the import refuses
// a repeated ID already; across rosters (one per school or per township) only this finds it.
func rosterFindings(ts []Teacher, t *data.Table) []Finding {
	names := map[string]string{}
	for i := range t.Schools {
		if _, ok := names[t.Schools[i].Code]; !ok {
			names[t.Schools[i].Code] = t.Schools[i].Name
		}
	}
	first := map[string]int{} // ID and name → index of the first row in ts
	var fs []Finding
	for i, x := range ts {
		if x.ID == "" {
			continue
		}
		key := x.ID + "\x00" + x.Name
		j, seen := first[key]
		if !seen {
			first[key] = i
			continue
		}
		y := ts[j]
		if y.Code == x.Code {
			continue // the same school twice: the import's own error
		}
		who := x.ID
		if x.Name != "" {
			who += "（" + x.Name + "）"
		}
		fs = append(fs, Finding{Kind: Roster, File: x.File, Row: x.Row, Code: x.Code, School: schoolName(names, x.Code), Value: x.ID,
			Message: fmt.Sprintf("教师 %s也在%s（%s）的花名册中（%s 第%d行）：一名教师只能计入一所学校的专任教师",
				who, schoolName(names, y.Code), y.Code, y.File, y.Row)})
	}
	return fs
}

func schoolName(names map[string]string, code string) string {
	if n := names[code]; n != "" {
		return n
	}
	return strings.TrimSpace("学校代码 " + code)
}
