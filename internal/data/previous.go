package data

import (
	"os"
	"path/filepath"
	"strconv"

	"github.com/youjun-edu/youjun/internal/diag"
)

// A site may keep the school tables of earlier years, each as data/history/<year>/schools.csv
// or schools.xlsx, in the school table's own format. The consistency audit (internal/audit)
// compares the evaluation year's table with the latest of them. data/history/*.csv, the
// history of the 基本均衡 coefficients, is another file and is read by loadHistory.

// Previous is an earlier year's school table.
type Previous struct {
	Year  int
	Table *Table
}

// PreviousFile returns the path, relative to the site, of the school table of the latest year
// before year under data/history/ (data/history/2024/schools.csv), and that year; "" and 0 when
// there is none. With year 0 the latest year of all is taken.
func PreviousFile(dir string, year int) (string, int) {
	entries, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(HistoryDir)))
	if err != nil {
		return "", 0
	}
	best, bestName := 0, ""
	for _, e := range entries {
		y, err := strconv.Atoi(e.Name())
		if err != nil || len(e.Name()) != 4 || !e.IsDir() || (year != 0 && y >= year) || y <= best {
			continue
		}
		name := ""
		for _, f := range []string{"schools.csv", "schools.xlsx"} {
			rel := HistoryDir + e.Name() + "/" + f
			if st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel))); err == nil && st.Mode().IsRegular() {
				name = rel
				break
			}
		}
		if name != "" {
			best, bestName = y, name
		}
	}
	return bestName, best
}

// LoadPrevious reads the school table of the latest year before year from the site at dir (see
// PreviousFile). It returns nil and no problems when there is none. The table is read and
// checked as the evaluation year's is; its problems are returned as they are.
func LoadPrevious(dir string, year int) (*Previous, diag.List) {
	name, y := PreviousFile(dir, year)
	if name == "" {
		return nil, nil
	}
	t, probs := LoadTable(filepath.Join(dir, filepath.FromSlash(name)), name)
	if t == nil {
		return nil, probs
	}
	return &Previous{Year: y, Table: t}, probs
}

// Figure returns the number a numeric column holds for s, and false for a text or choice
// column. The consistency audit reads every figure of a row through it.
func (c *Column) Figure(s *School) (Number, bool) {
	if c.number == nil {
		return Number{}, false
	}
	return *c.number(s), true
}

// FigureColumns lists the numeric columns of the school table, once each: the 元 twin of the 万元
// equipment column is left out, as both fill the same figure.
func FigureColumns() []*Column {
	var out []*Column
	for i := range Columns {
		if c := &Columns[i]; c.number != nil && c.Key != "equipment_value_yuan" {
			out = append(out, c)
		}
	}
	return out
}
