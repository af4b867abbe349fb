package data

import (
	"errors"
	"io"
	"slices"
	"strconv"

	"github.com/youjun-edu/youjun/internal/diag"
)

// Record is one non-blank row of a sheet read by ReadRecords: its row (line) in the file and
// its cells, trimmed.
type Record struct {
	Row   int
	Cells []string
}

// ReadRecords reads a sheet other than the school table (the plan's projects, data/plan/) with
// the school table's readers: the same encodings, limits and messages. The first non-blank row
// is the header. Cells are trimmed as the school table trims them; blank rows are skipped.
func ReadRecords(path, name string) ([]Record, diag.List) {
	return loadSheet(path, name, "只支持 .csv 或 .xlsx 文件", ParseRecords, readRecords)
}

// ParseRecords is ReadRecords of CSV bytes.
func ParseRecords(src []byte, name string) ([]Record, diag.List) {
	if len(src) > MaxTableBytes {
		return nil, diag.List{{File: name, Message: tooBig(int64(len(src)))}}
	}
	return readRecords(newCSVReader(src), name)
}

func readRecords(rr rowReader, name string) ([]Record, diag.List) {
	var out []Record
	var probs diag.List
	lastErr := -1
	for {
		rec, row, err := rr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			var re rowError
			if !errors.As(err, &re) || row == lastErr || row == 0 {
				probs.Add(name, row, "", "", "%v", err)
				break // the reader cannot get past it
			}
			probs.Add(name, row, "", "", "%v", err)
			lastErr = row
			continue
		}
		for _, is := range rr.issues() {
			probs.Add(name, row, HeaderColumn(is.col), is.value, "%s", is.message)
		}
		if isBlankRecord(rec) {
			continue
		}
		if len(out) > MaxRows {
			probs.Add(name, row, "", "", "超过 %d 行，无法读取", MaxRows)
			break
		}
		cells := slices.Clone(rec[:len(rec)-trailingBlanks(rec)])
		for i, c := range cells {
			cells[i] = normalizeCell(c)
		}
		out = append(out, Record{Row: row, Cells: cells})
	}
	return out, probs.Cap(maxProblemsPerColumn, maxProblemsPerFile)
}

// HeaderColumn names a column by its place when its header is unknown: 第3列.
func HeaderColumn(i int) string { return "第" + strconv.Itoa(i+1) + "列" }

// ParseNumber reads a cell as the school table reads a number: non-negative, full-width digits
// and thousands separators tolerated. It returns a Chinese message when the cell is not such a
// number (an integer, when integer is set).
func ParseNumber(cell string, integer bool) (float64, string) {
	v, e := parseNumber(normalizeCell(cell), integer)
	if e != 0 {
		return 0, e.message()
	}
	return v, ""
}
