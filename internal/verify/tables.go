package verify

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/youjun-edu/youjun/internal/pack"
)

// checkTables compares the packaged appendix tables (html/data/*.xlsx and *.csv) with the
// recomputed ones: a file that is byte for byte the same is the same table; any other is read
// and compared cell by cell, so that the finding names the sheet and cell (附表3 D12) or the
// row and column, with both values.
func checkTables(c *Context) []Finding {
	titles := map[string]string{} // data/<id>.xlsx → 附表3 资源配置…
	for _, t := range c.Prepared.Input.Report.Tables() {
		titles["data/"+t.ID] = t.Title
	}
	var names []string
	for name := range c.Recomputed {
		if ext := path.Ext(name); ext == ".xlsx" || ext == ".csv" {
			names = append(names, name)
		}
	}
	// The package's own tables, also those the recomputation does not make.
	packaged, _ := filepath.Glob(c.Package.Path(pack.HTMLFolder + "/data/*"))
	for _, p := range packaged {
		name := "data/" + filepath.Base(p)
		if ext := path.Ext(name); (ext == ".xlsx" || ext == ".csv") && c.Recomputed[name] == nil {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	var out []Finding
	for _, name := range names {
		rel := htmlPath(name)
		want := c.Recomputed[name]
		if want == nil {
			out = append(out, Finding{Kind: kindOf(name), File: rel, Message: "多出的附表：按包内数据复算时没有这张表"})
			continue
		}
		got, err := os.ReadFile(c.Package.Path(rel))
		if err != nil {
			out = append(out, Finding{Kind: kindOf(name), File: rel, Message: "材料包中没有这张附表（复算时有）"})
			continue
		}
		if bytes.Equal(got, want) {
			continue
		}
		label := strings.TrimSuffix(name, path.Ext(name))
		if title := titles[label]; title != "" {
			label = title
		}
		if path.Ext(name) == ".xlsx" {
			out = append(out, compareXLSX(rel, label, got, want)...)
		} else {
			out = append(out, compareCSV(rel, got, want)...)
		}
	}
	return out
}

func kindOf(name string) Kind {
	if path.Ext(name) == ".xlsx" {
		return KindSheet
	}
	return KindCSV
}

// compareXLSX compares two workbooks cell by cell, by their raw values (numbers unrounded).
// title names the table: its first word (附表3) names the sheet in a finding.
func compareXLSX(rel, title string, got, want []byte) []Finding {
	gs, err := readWorkbook(got)
	if err != nil {
		return []Finding{{Kind: KindSheet, File: rel, Message: "不是有效的 Excel 文件，无法核对（" + err.Error() + "）"}}
	}
	ws, err := readWorkbook(want)
	if err != nil {
		return []Finding{{Kind: KindSheet, File: rel, Message: "youjun 内部错误：复算的附表无法读取"}}
	}
	label, _, _ := strings.Cut(title, " ")
	var out []Finding
	// A workbook of one sheet is compared with the recomputed one whatever the sheet's name:
	// another version of youjun, or a clerk, may have named it otherwise; the cells are what count.
	if len(gs) == 1 && len(ws) == 1 {
		gName, wName := slices.Sorted(maps.Keys(gs))[0], slices.Sorted(maps.Keys(ws))[0]
		if gName != wName {
			out = append(out, Finding{Kind: KindSheet, File: rel, Where: gName, Got: gName, Want: wName,
				Message: "工作表的名称与复算的不同（只比较其中的数值）", Warning: true})
			gs = map[string][][]string{wName: gs[gName]}
		}
	}
	for _, sheet := range slices.Sorted(maps.Keys(unionSheets(gs, ws))) {
		g, gok := gs[sheet]
		w, wok := ws[sheet]
		switch {
		case !gok:
			out = append(out, Finding{Kind: KindSheet, File: rel, Where: sheet, Message: "缺少这个工作表"})
			continue
		case !wok:
			out = append(out, Finding{Kind: KindSheet, File: rel, Where: sheet, Message: "多出这个工作表"})
			continue
		}
		name := label
		if len(ws) > 1 || name == "" {
			name = sheet
		}
		compareGrid(g, w, func(row, col int, gv, wv string) {
			cell, _ := excelize.CoordinatesToCellName(col+1, row+1)
			out = append(out, Finding{Kind: KindSheet, File: rel, Where: name + " " + cell + header(w, 1, row, col), Got: quote(gv), Want: quote(wv),
				Message: "单元格的值与按包内数据复算的不同"})
		})
	}
	if len(out) == 0 {
		out = append(out, Finding{Kind: KindSheet, File: rel, Message: "各单元格的值与复算一致，但文件的字节不同（被另存或改过格式）", Warning: true})
	}
	return out
}

// readWorkbook reads every sheet's cells as raw values.
func readWorkbook(b []byte) (map[string][][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string][][]string{}
	for _, s := range f.GetSheetList() {
		rows, err := f.GetRows(s, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		out[s] = rows
	}
	return out, nil
}

func unionSheets(a, b map[string][][]string) map[string]bool {
	u := map[string]bool{}
	for k := range a {
		u[k] = true
	}
	for k := range b {
		u[k] = true
	}
	return u
}

// compareGrid calls diff for every cell (0-based) where the grids differ; a missing cell is empty.
func compareGrid(g, w [][]string, diff func(row, col int, got, want string)) {
	for r := range max(len(g), len(w)) {
		var gr, wr []string
		if r < len(g) {
			gr = g[r]
		}
		if r < len(w) {
			wr = w[r]
		}
		for c := range max(len(gr), len(wr)) {
			gv, wv := at(gr, c), at(wr, c)
			if !sameValue(gv, wv) {
				diff(r, c, gv, wv)
			}
		}
	}
}

// sameValue reports whether two raw cell values are equal: as text, or as the same number
// however it is written. A spreadsheet program that saves the workbook again writes
// 6.75492294826280 as 6.7549229482628, which is no change of the figure.
func sameValue(a, b string) bool {
	if a == b {
		return true
	}
	x, errA := strconv.ParseFloat(a, 64)
	y, errB := strconv.ParseFloat(b, 64)
	return errA == nil && errB == nil && x == y
}

func at(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

// header names a cell's column by the header row (0-based: the workbooks have their title
// above it), for a cell below it.
func header(grid [][]string, headerRow, row, col int) string {
	if row <= headerRow || len(grid) <= headerRow || at(grid[headerRow], col) == "" {
		return ""
	}
	return "「" + at(grid[headerRow], col) + "」"
}

// compareCSV compares two CSV tables cell by cell: 第 12 行第 4 列「列名」.
func compareCSV(rel string, got, want []byte) []Finding {
	g, err := readCSV(got)
	if err != nil {
		return []Finding{{Kind: KindCSV, File: rel, Message: "不是有效的 CSV 文件，无法核对"}}
	}
	w, err := readCSV(want)
	if err != nil {
		return []Finding{{Kind: KindCSV, File: rel, Message: "youjun 内部错误：复算的附表无法读取"}}
	}
	var out []Finding
	compareGrid(g, w, func(row, col int, gv, wv string) {
		out = append(out, Finding{Kind: KindCSV, File: rel, Where: fmt.Sprintf("第 %d 行第 %d 列%s", row+1, col+1, header(w, 0, row, col)),
			Got: quote(gv), Want: quote(wv), Message: "与按包内数据复算的不同"})
	})
	if len(out) == 0 {
		// Same cells, other bytes (line ends, the BOM, quoting): no figure differs, but the file
		// is not the one youjun wrote.
		out = append(out, Finding{Kind: KindCSV, File: rel, Message: "各单元格的值与复算一致，但文件的字节不同（被另存或改过格式）", Warning: true})
	}
	return out
}

func readCSV(b []byte) ([][]string, error) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	return r.ReadAll()
}
