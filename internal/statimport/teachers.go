package statimport

import "slices"

// RosterTeacher is one teacher a roster counts (编制 counted, 专任): the consistency audit looks
// for one ID at two schools across rosters, which ReadRoster, reading one roster, cannot see.
type RosterTeacher struct {
	Row  int // 1-based row in the sheet
	Code string
	ID   string // the roster's id column (工号 or 身份证号); "" without one
	Name string
}

// RosterTeachers lists the counted teachers of a roster sheet (see IsRoster), in its order. Rows
// ReadRoster refuses or leaves out are left out; it reports nothing, ReadRoster does.
func (m *Mapping) RosterTeachers(s *Sheet) []RosterTeacher {
	t := ReadHeader(s, "", "")
	if t == nil {
		return nil
	}
	rk := m.Roster
	find := func(label string) int {
		if label == "" {
			return -1
		}
		return t.Find(Path{normalize(label)})
	}
	code, id, name, staffing, fullTime := find(rk.Code), find(rk.ID), find(rk.Name), find(rk.Staffing), find(rk.FullTime)
	if code < 0 || staffing < 0 || fullTime < 0 {
		return nil
	}
	cell := func(row, col int) string {
		if col < 0 {
			return ""
		}
		return normalize(s.cell(row, col))
	}
	var out []RosterTeacher
	for row := t.First; row < len(s.Rows); row++ {
		if isBlank(s.Rows[row]) || !slices.Contains(rk.CountedStaffing, cell(row, staffing)) || cell(row, fullTime) != "是" {
			continue
		}
		if c := cell(row, code); c != "" {
			out = append(out, RosterTeacher{Row: row + 1, Code: c, ID: cell(row, id), Name: cell(row, name)})
		}
	}
	return out
}
