package statimport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/limited"
)

// Limits on an input file. A county export has one row per school and a few hundred columns, a
// roster one row per teacher: these are far above any real file and keep a damaged one from
// using unbounded memory.
const (
	MaxFileBytes = data.MaxTableBytes
	MaxRows      = data.MaxRows
	MaxColumns   = 2_000
	MaxSheets    = 200
	maxUnpacked  = 512 << 20 // the unpacked parts of an .xlsx
)

// Sheet is one table of an input file as a grid of cell texts.
type Sheet struct {
	File   string // as messages name it
	Name   string // the sheet's name; "" for a CSV file
	Rows   [][]string
	Merges []Merge
	cols   int // the width, once known
}

// Merge is a range of merged cells, 0-based and inclusive.
type Merge struct{ Top, Left, Bottom, Right int }

// cell returns the text at (row, col), "" outside the grid.
func (s *Sheet) cell(row, col int) string {
	if row < 0 || row >= len(s.Rows) || col < 0 || col >= len(s.Rows[row]) {
		return ""
	}
	return s.Rows[row][col]
}

// width is the number of columns of the widest row.
func (s *Sheet) width() int {
	if s.cols == 0 {
		for _, r := range s.Rows {
			s.cols = max(s.cols, len(r))
		}
	}
	return s.cols
}

// CellName is the spreadsheet name of a 0-based cell: F7.
func CellName(row, col int) string {
	n, err := excelize.CoordinatesToCellName(col+1, row+1)
	if err != nil {
		return ""
	}
	return n
}

// ReadFile reads the sheets of an .xlsx or .csv file. name is how messages refer to it.
func ReadFile(path, name string) ([]*Sheet, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, errors.New("无法读取：" + diag.SysError(err))
	}
	if info.IsDir() {
		return nil, errors.New("是一个文件夹，请给出文件")
	}
	if info.Size() > MaxFileBytes {
		return nil, fmt.Errorf("文件太大，不能超过 %d MB", MaxFileBytes>>20)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".txt":
		src, err := limited.ReadFile(path, MaxFileBytes)
		if err != nil {
			return nil, errors.New("无法读取：" + diag.SysError(err))
		}
		s, err := ParseCSV(src, name)
		if err != nil {
			return nil, err
		}
		return []*Sheet{s}, nil
	case ".xlsx", ".xlsm":
		return readXLSX(path, name)
	case ".xls", ".et":
		return nil, errors.New("不能读取 Excel 97–2003（.xls）或 WPS（.et）文件，请在 Excel/WPS 中另存为 .xlsx")
	}
	return nil, errors.New("只能导入 .xlsx 或 .csv 文件")
}

// ParseCSV reads CSV bytes in UTF-8 (with or without BOM) or GBK/GB18030, what 综合统计 and
// Excel on Chinese Windows save.
func ParseCSV(src []byte, name string) (*Sheet, error) {
	src, err := decode(src)
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(bytes.NewReader(src))
	r.FieldsPerRecord = -1
	if first, _, _ := bytes.Cut(src, []byte{'\n'}); bytes.IndexByte(first, '\t') >= 0 && bytes.IndexByte(first, ',') < 0 {
		r.Comma = '\t'
	}
	s := &Sheet{File: name}
	for {
		rec, err := r.Read()
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("第%d行 CSV 格式错误（引号不成对或多余）", pe.StartLine)
			}
			break // io.EOF
		}
		if len(s.Rows) >= MaxRows {
			return nil, fmt.Errorf("超过 %d 行，不是一个县的统计表", MaxRows)
		}
		if len(rec) > MaxColumns {
			return nil, fmt.Errorf("超过 %d 列", MaxColumns)
		}
		s.Rows = append(s.Rows, rec)
	}
	return s, nil
}

// decode returns src as UTF-8: UTF-8 with or without BOM as it is, anything else as GB18030 (a
// superset of GBK).
func decode(src []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(src, []byte("\xef\xbb\xbf")):
		src = src[3:]
	case bytes.HasPrefix(src, []byte("PK\x03\x04")):
		return nil, errors.New("这是 Excel（.xlsx）文件，不是 CSV；请把文件名改为 .xlsx")
	case bytes.HasPrefix(src, []byte("\xff\xfe")), bytes.HasPrefix(src, []byte("\xfe\xff")), bytes.IndexByte(src, 0) >= 0:
		return nil, errors.New("不是 UTF-8 或 GBK 编码的 CSV 文件，请在 Excel/WPS 中另存为“CSV（逗号分隔）”")
	}
	if utf8.Valid(src) {
		return src, nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(src)
	if err != nil {
		return nil, errors.New("编码无法识别，请另存为 UTF-8 或 GBK 的 CSV")
	}
	return out, nil
}

func readXLSX(path, name string) ([]*Sheet, error) {
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: maxUnpacked, UnzipXMLSizeLimit: maxUnpacked, RawCellValue: true})
	if err != nil {
		return nil, errors.New("不是有效的 .xlsx 文件（文件损坏、加密，或实为其他格式），无法读取")
	}
	defer f.Close()
	names := f.GetSheetList()
	if len(names) > MaxSheets {
		return nil, fmt.Errorf("工作表超过 %d 个", MaxSheets)
	}
	var sheets []*Sheet
	for _, sn := range names {
		rows, err := f.GetRows(sn, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fmt.Errorf("工作表「%s」无法读取", sn)
		}
		if len(rows) > MaxRows {
			return nil, fmt.Errorf("工作表「%s」超过 %d 行", sn, MaxRows)
		}
		s := &Sheet{File: name, Name: sn, Rows: rows}
		if s.width() > MaxColumns {
			return nil, fmt.Errorf("工作表「%s」超过 %d 列", sn, MaxColumns)
		}
		mcs, err := f.GetMergeCells(sn)
		if err != nil {
			return nil, fmt.Errorf("工作表「%s」的合并单元格无法读取", sn)
		}
		for _, mc := range mcs {
			c1, r1, err1 := excelize.CellNameToCoordinates(mc.GetStartAxis())
			c2, r2, err2 := excelize.CellNameToCoordinates(mc.GetEndAxis())
			if err1 != nil || err2 != nil {
				continue
			}
			s.Merges = append(s.Merges, Merge{Top: r1 - 1, Left: c1 - 1, Bottom: r2 - 1, Right: c2 - 1})
		}
		sheets = append(sheets, s)
	}
	return sheets, nil
}
