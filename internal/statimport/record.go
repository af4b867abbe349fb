package statimport

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/youjun-edu/youjun/internal/diag"
)

// Source is one cell a value of the school table was read from.
type Source struct {
	File  string // as messages name it
	Sheet string // "" for a CSV file
	Path  string // 表号/栏目: the header path, or the roster's rule
	Row   int    // 1-based; 0 when the value sums roster rows (see Rows)
	Cell  string // F7; "" for roster sums
	Value string // the cell's text, or the roster's count
	Op    string // how it enters the value: "+", "−", "班额段", "" for a single cell
	Rows  string // roster rows counted (3-5、9)
}

// Value is one cell of the school table the import makes.
type Value struct {
	Text    string // as written: a number in the column's unit, or the choice
	Sources []Source
	Note    string // how it was made, when not simply read
	band    *band  // the top non-empty class-size band of a 最大班额
}

// Record is one school as the statistics give it.
type Record struct {
	Code    string
	Name    string
	Where   string // file (and sheet) and row, for messages
	File    string
	Row     int
	Counted bool
	Parent  string
	County  string            // 统计三级, when the export has it
	Values  map[string]*Value // by column key, with code, name, type, ownership and area
	Roster  *RosterCounts     // the school's teachers by the roster, nil without one
	merged  []string          // branch sites merged into the school, for notes
	codes   []string          // their codes, whose roster rows count for the school
}

// scale is the fixed point of the numbers read: 4 decimals, more than any statistics cell has,
// so that sums and differences are exact (8287.4 − 1000 is 7287.4, not 7287.400000000001).
const scale = 10_000

// maxNumber bounds a cell: no statistics figure comes near it, and sums cannot overflow.
const maxNumber = 1e12

// parseNumber reads a statistics cell: blank, 「-」 and 「—」 are 0, as the statistics leave zero
// cells blank. ok is false for anything else that is not a non-negative number.
func parseNumber(s string) (v int64, ok bool) {
	s = strings.TrimSpace(strings.ReplaceAll(normalize(s), ",", ""))
	switch s {
	case "", "-", "—", "－":
		return 0, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || f < 0 || f > maxNumber {
		return 0, false
	}
	return int64(math.Round(f * scale)), true
}

// formatNumber writes a fixed-point number with the decimals it needs: 7287.4, 1220.
func formatNumber(v int64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	s := strconv.FormatInt(v/scale, 10)
	if frac := v % scale; frac != 0 {
		s += "." + strings.TrimRight(fmt.Sprintf("%04d", frac), "0")
	}
	return sign + s
}

// where names a sheet of a file in messages.
func where(s *Sheet) string {
	if s.Name == "" {
		return s.File
	}
	return s.File + " 工作表「" + s.Name + "」"
}

// cellRef names a column of a row in messages: the header path and the cell.
func cellRef(p Path, row, col int) string {
	return p.String() + "（" + CellName(row, col) + "）"
}

// source returns the Source of a cell of t.
func source(t *Table, row, col int, op string) Source {
	return Source{File: t.Sheet.File, Sheet: t.Sheet.Name, Path: t.Paths[col].String(), Row: row + 1, Cell: CellName(row, col),
		Value: t.Sheet.cell(row, col), Op: op}
}

// lookup finds the column of a path in t, reporting a path it cannot find with the closest one
// the table has.
func lookup(t *Table, p Path, mapName string, probs *diag.List) int {
	col := t.Find(p)
	switch col {
	case -1:
		msg := "找不到对应表中的栏目「" + p.String() + "」"
		if h := pathHint(p, t.PathStrings()); h != "" {
			msg += h
		} else {
			msg += "（对应表可在站点的 " + OverrideFile + " 中修改）"
		}
		probs.Add(where(t.Sheet), t.HeadTop+1, "", "", "%s（%s）", msg, mapName)
	case -2:
		probs.Add(where(t.Sheet), t.HeadTop+1, "", "", "栏目「%s」对应多列，请在对应表（%s）中写出更完整的表头路径", p, mapName)
	}
	return col
}

// pathHint suggests the closest header path: by its last level first (a typo in a level), then
// by the whole path.
func pathHint(p Path, have []string) string {
	if h := suggestPath(p.String(), have); h != "" {
		return h
	}
	last := p[len(p)-1]
	var same []string
	for _, h := range have {
		if strings.HasSuffix(h, Sep+last) || h == last {
			same = append(same, h)
		}
	}
	if len(same) == 1 {
		return "，是否为「" + same[0] + "」？"
	}
	return ""
}
