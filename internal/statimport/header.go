package statimport

// Table is a sheet read as a table: its header paths by column and where its data rows start.
type Table struct {
	Sheet   *Sheet
	Prefix  string // the 表号 of a per-school sheet (教基3112), put before its paths
	Paths   []Path // by column; nil for a column without a header
	First   int    // 0-based row of the first data row
	HeadTop int    // 0-based row of the first header row
}

// isTitleRow reports whether a row is a title above the header: at most one non-blank cell
// (「2025年学校基本情况」, 「单位：人」), not merged or merged across the whole width. A single
// label merged over a few columns is a group of the header.
func isTitleRow(s *Sheet, row int) bool {
	n, at := 0, -1
	for i, c := range s.Rows[row] {
		if normalize(c) != "" {
			n, at = n+1, i
		}
	}
	if n != 1 {
		return n == 0
	}
	w := s.width()
	for _, m := range s.Merges {
		if m.Top == row && m.Left == at {
			return m.Right-m.Left+1 >= w
		}
	}
	return true
}

// ReadHeader finds the header of a sheet: it starts at the first row with two or more non-blank
// cells and takes in every row a merged cell of it reaches down to. Without merged cells (a
// CSV), the header goes on while the cells of the key column below its label are blank, as they
// are under a label that was merged down before the file was saved as CSV; key is the label of
// that column (学校标识码), or "" for a one-row header. A 栏次 row (甲、乙、1、2…) right below the
// header belongs to it.
func ReadHeader(s *Sheet, prefix, key string) *Table {
	top := 0
	for top < min(len(s.Rows), maxTitleRows) && isTitleRow(s, top) {
		top++
	}
	if key != "" { // the key's label starts the header, whatever is above it
		for r := range min(len(s.Rows), maxTitleRows) {
			if findLabel(s.Rows[r], key) >= 0 {
				top = r
				break
			}
		}
	}
	return readHeaderAt(s, prefix, key, top)
}

// maxTitleRows is how far down a header may start, and maxHeaderRows how many rows it may have:
// real ones have up to six, and a file of text rows must not make a header of 200,000 rows.
const (
	maxTitleRows  = 20
	maxHeaderRows = 12
)

// readHeaderAt reads the header starting at row top.
func readHeaderAt(s *Sheet, prefix, key string, top int) *Table {
	if top >= len(s.Rows) {
		return nil
	}
	bottom := top
	last := min(len(s.Rows), top+maxHeaderRows) - 1 // the lowest row the header may reach
	for grew := true; grew && bottom < last; {
		grew = false
		for _, m := range s.Merges {
			if m.Top >= top && m.Top <= bottom && m.Bottom > bottom {
				bottom, grew = min(m.Bottom, last), true
			}
		}
	}
	if len(s.Merges) == 0 && key != "" {
		if col := findLabel(s.Rows[top], key); col >= 0 {
			for bottom < last && normalize(s.cell(bottom+1, col)) == "" && !isTitleRow(s, bottom+1) {
				bottom++
			}
		}
	}
	// Rows of labels only, with no number, are header rows too: a group label merged across,
	// with its sub-labels in the row below.
	for bottom < last && !isBlank(s.Rows[bottom+1]) && !hasNumber(s.Rows[bottom+1]) {
		bottom++
	}
	t := &Table{Sheet: s, Prefix: prefix, HeadTop: top, First: bottom + 1}
	t.Paths = headerPaths(s, top, bottom, prefix)
	if t.First < len(s.Rows) && isColumnNumbers(s.Rows[t.First]) {
		t.First++
	}
	return t
}

func findLabel(row []string, label string) int {
	want := normalize(label)
	for i, c := range row {
		if normalize(c) == want {
			return i
		}
	}
	return -1
}

// isColumnNumbers reports whether a row numbers the columns, as statistics tables do below
// the header: 甲、乙、丙 for the text columns, then 1、2、3….
func isColumnNumbers(row []string) bool {
	seen := false
	for _, c := range row {
		switch c = normalize(c); c {
		case "":
		case "甲", "乙", "丙", "丁", "栏次":
			seen = true
		default:
			if !allDigits(c) {
				return false
			}
		}
	}
	return seen
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// headerPaths builds the path of every column from the header rows top..bottom. A merged cell
// gives its text to every cell it covers; a CSV has no merges, so a blank cell of a group row
// takes the group on its left while a cell below it is a sub-header (the group's merge was
// lost when the file was saved). Equal texts one above the other (a label merged down) count
// once.
func headerPaths(s *Sheet, top, bottom int, prefix string) []Path {
	w := s.width()
	grid := make([][]string, bottom-top+1)
	for r := range grid {
		grid[r] = make([]string, w)
		for c := range w {
			grid[r][c] = normalize(s.cell(top+r, c))
		}
	}
	for _, m := range s.Merges {
		if m.Bottom < top || m.Top > bottom || m.Left >= w {
			continue
		}
		v := normalize(s.cell(m.Top, m.Left))
		for r := max(m.Top, top); r <= min(m.Bottom, bottom); r++ {
			for c := m.Left; c <= min(m.Right, w-1); c++ {
				grid[r-top][c] = v
			}
		}
	}
	if len(s.Merges) == 0 {
		for r := 0; r < len(grid)-1; r++ {
			for c := 1; c < w; c++ {
				if grid[r][c] == "" && grid[r][c-1] != "" && anyBelow(grid, r, c) && (r == 0 || grid[r-1][c] == grid[r-1][c-1]) {
					grid[r][c] = grid[r][c-1]
				}
			}
		}
	}
	paths := make([]Path, w)
	for c := range w {
		var p Path
		if prefix != "" {
			p = append(p, prefix)
		}
		for r := range grid {
			v := grid[r][c]
			if v == "" || (len(p) > 0 && p[len(p)-1] == v) {
				continue
			}
			p = append(p, v)
		}
		if len(p) > len(prefixPath(prefix)) {
			paths[c] = p
		}
	}
	return paths
}

// anyBelow reports whether a header row below r has a label in column c.
func anyBelow(grid [][]string, r, c int) bool {
	for _, row := range grid[r+1:] {
		if row[c] != "" {
			return true
		}
	}
	return false
}

func prefixPath(prefix string) Path {
	if prefix == "" {
		return nil
	}
	return Path{prefix}
}

// Find returns the column whose path is p, or else the one column whose path ends with p; -1
// when there is none or more than one (ambiguous).
func (t *Table) Find(p Path) int {
	found := -1
	for c, q := range t.Paths {
		if q.equal(p) {
			return c
		}
	}
	for c, q := range t.Paths {
		if q != nil && q.endsWith(p) {
			if found >= 0 {
				return -2
			}
			found = c
		}
	}
	return found
}

// PathStrings lists the paths of the table, for suggestions.
func (t *Table) PathStrings() []string {
	var out []string
	for _, p := range t.Paths {
		if p != nil {
			out = append(out, p.String())
		}
	}
	return out
}

// hasNumber reports whether a row has a cell that is a number.
func hasNumber(row []string) bool {
	for _, c := range row {
		if c = normalize(c); c != "" {
			if _, ok := parseNumber(c); ok && c != "-" && c != "—" && c != "－" {
				return true
			}
		}
	}
	return false
}
