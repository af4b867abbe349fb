// Package sheet renders the report's tables as spreadsheets, a renderer beside html and pdf:
// every appendix table as CSV (UTF-8 with BOM, so that Excel and WPS on Chinese Windows open it
// correctly) and as XLSX, numbers as numbers. The site links them from data/.
package sheet

import (
	"bytes"
	"encoding/csv"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/youjun-edu/youjun/internal/report"
)

// Files renders every table as data/<id>.csv and data/<id>.xlsx, as many at a time as there are
// processors, the longest tables first. date is the report's date, which the workbooks carry
// instead of the clock's, so that the same input gives the same bytes.
func Files(tables []*report.Table, date string) (map[string][]byte, error) {
	order := make([]int, len(tables))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return len(tables[b].Rows) - len(tables[a].Rows) })
	csvs := make([][]byte, len(tables))
	xlsxs := make([][]byte, len(tables))
	errs := make([]error, len(tables))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(tables)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var d deflater // one compressor for the worker's workbooks
			for i := range jobs {
				csvs[i] = CSV(tables[i])
				xlsxs[i], errs[i] = writeXLSX(tables[i], date, &d)
			}
		}()
	}
	for _, i := range order {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	files := make(map[string][]byte, 2*len(tables))
	for i, t := range tables {
		if errs[i] != nil {
			return nil, errs[i]
		}
		files["data/"+t.ID+".csv"] = csvs[i]
		files["data/"+t.ID+".xlsx"] = xlsxs[i]
	}
	return files, nil
}

// CSV writes a table (its Data) as CSV, every text cell inert to spreadsheets (see inert).
func CSV(t *report.Table) []byte {
	t = t.Data()
	var b bytes.Buffer
	b.WriteString("\xef\xbb\xbf")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	header := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = inert(c.Header)
	}
	w.Write(header)
	for _, row := range t.Rows {
		rec := make([]string, len(row))
		for i, c := range row {
			rec[i] = inert(c.Text)
			if c.Value != nil {
				// A number, negative ones included, is data to a spreadsheet, never a formula. A
				// percentage keeps its sign, which spreadsheets read as one: 56.12244897959183%.
				rec[i] = strconv.FormatFloat(*c.Value, 'f', -1, 64)
				if percent(c) {
					rec[i] += "%"
				}
			}
		}
		w.Write(rec)
	}
	w.Flush()
	return b.Bytes()
}

// inert keeps a text cell from being taken for a formula when the CSV is opened in Excel or WPS
// (OWASP "CSV injection"): a cell that begins with =, +, -, @, a tab or a carriage return gets a
// leading ', which spreadsheets read as "text follows". Text comes from the school table and
// county.toml, which the site's authors do not control line by line: a school named
// =HYPERLINK("http://…") would otherwise be a live link in an official's spreadsheet.
func inert(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// percent reports whether a number cell shows a percentage. Its value is then in percent, as
// shown: 56.12 for 56.12%.
func percent(c report.Cell) bool { return c.Value != nil && strings.HasSuffix(c.Text, "%") }

// decimalsOf counts the decimals a formatted number shows: "3,419.97" → 2, "56.12%" → 2,
// "4.5平方米" → 1.
func decimalsOf(s string) int {
	s = strings.TrimRightFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}

// fixedTime is the report's date, midnight UTC, or a fixed day when it has none.
func fixedTime(date string) time.Time {
	if t, err := time.Parse("2006-01-02", date); err == nil {
		return t
	}
	return time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC)
}
