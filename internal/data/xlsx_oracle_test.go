package data

// The former XLSX reader, on encoding/xml's RawToken, as the oracle of differential tests:
// the reader of xlsx.go must read every sheet as it did.

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

type oldSheetReader struct {
	dec    *xml.Decoder
	sst    []string
	hint   int
	recalc bool
	row    int
	rec    []string
	iss    []cellIssue
	ended  bool
}

// oldSheet opens the sheet and shared strings that x reads, for the former reader.
func oldSheet(x *xlsxReader) (*oldSheetReader, io.Closer, error) {
	o := &oldSheetReader{recalc: x.recalc, hint: 64}
	if x.sstPart != nil {
		var err error
		if o.sst, err = oldReadSharedStrings(x.sstPart); err != nil {
			return nil, nil, err
		}
	}
	r, err := x.sheetPart.Open()
	if err != nil {
		return nil, nil, err
	}
	o.dec = xml.NewDecoder(bufio.NewReaderSize(r, 64<<10))
	return o, r, nil
}

// readSharedStrings reads the text of each <si>, leaving out phonetic runs (<rPh>).
func oldReadSharedStrings(f *zip.File) ([]string, error) {
	r, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("共享字符串表已损坏；%s", resave)
	}
	defer r.Close()
	dec := xml.NewDecoder(bufio.NewReaderSize(r, 64<<10))
	var (
		out       []string
		text      strings.Builder
		inT, inSI bool
		phonetic  int
	)
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, partError("共享字符串表", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				inSI = true
				text.Reset()
			case "t":
				inT = true
			case "rPh":
				phonetic++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				inSI = false
				out = append(out, unescapeOOXML(text.String()))
			case "t":
				inT = false
			case "rPh":
				phonetic--
			}
		case xml.CharData:
			if inSI && inT && phonetic == 0 {
				text.Write(t)
			}
		}
	}
}

// cell is the state of the <c> element being read.
type oldCell struct {
	col                  int // 1-based
	typ                  string
	value, formula, text []byte
	hasValue, hasFormula bool
	in                   string // "v", "f" or "t" (inline string text): where character data goes
	phonetic             int
}

// next reads the next <row> of the sheet.
func (x *oldSheetReader) next() ([]string, int, error) {
	x.rec, x.iss = x.rec[:0], x.iss[:0]
	if x.ended {
		return nil, 0, io.EOF
	}
	var c oldCell
	inRow, inCell := false, false
	for {
		tok, err := x.dec.RawToken()
		if err == io.EOF { // before </sheetData>: the part is cut short
			err = io.ErrUnexpectedEOF
		}
		if err != nil {
			x.ended = true
			return nil, x.row, partError("工作表", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				inRow = true
				x.row++
				if r, err := strconv.Atoi(attr(t, "r")); err == nil && r > 0 {
					x.row = r
				}
			case "c":
				inCell = true
				col := len(x.rec) + 1
				if ref := attr(t, "r"); ref != "" {
					col = columnOf([]byte(ref))
				}
				c = oldCell{col: col, typ: attr(t, "t"), value: c.value[:0], formula: c.formula[:0], text: c.text[:0]}
			case "v":
				c.in, c.hasValue = "v", true
			case "f":
				c.in, c.hasFormula = "f", true
			case "t":
				c.in = "t"
			case "rPh":
				c.phonetic++
			case "dimension":
				x.hint = dimensionRows(attr(t, "ref"), 0)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v", "f", "t":
				c.in = ""
			case "rPh":
				c.phonetic--
			case "c":
				if inCell {
					x.addCell(&c)
				}
				inCell = false
			case "row":
				if inCell {
					return nil, x.row, partError("工作表", errors.New("unclosed <c>"))
				}
				return x.rec, x.row, nil
			case "sheetData":
				if inCell || inRow {
					return nil, x.row, partError("工作表", errors.New("unclosed <row>"))
				}
				x.ended = true
				return nil, 0, io.EOF
			}
		case xml.CharData:
			switch {
			case !inCell:
			case c.in == "v":
				c.value = append(c.value, t...)
			case c.in == "f":
				c.formula = append(c.formula, t...)
			case c.in == "t" && c.phonetic == 0:
				c.text = append(c.text, t...)
			}
		}
	}
}

// addCell puts the value of a cell into the record, as Excel shows it, noting the cells whose
// value the file does not hold.
func (x *oldSheetReader) addCell(c *oldCell) {
	if c.col < 1 || c.col > MaxColumns+1 {
		return // beyond any header: a cell there is in no column
	}
	v := string(c.value)
	msg := ""
	switch c.typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(x.sst) {
			v, msg = "", "共享字符串编号无效，文件可能已损坏；"+resave
		} else {
			v = x.sst[i]
		}
	case "inlineStr":
		v = unescapeOOXML(string(c.text))
	case "str":
		v = unescapeOOXML(v)
	case "b":
		switch v {
		case "1":
			v = "TRUE"
		case "0":
			v = "FALSE"
		}
	case "d": // an ISO 8601 date, which some writers store as such
		msg = dateMessage
	case "e":
		if msg = ExcelErrorMessage(v); msg == "" {
			msg = "是 Excel 的错误值 " + v + "，不是数据；请修正公式，或直接填写数值"
		}
	}
	if c.hasFormula {
		// An empty <v> holds no result unless the formula gives text (openpyxl writes
		// <v></v> for every formula; Excel writes t="str" for a formula giving "").
		uncomputed := !c.hasValue || len(c.value) == 0 && c.typ != "str"
		if uncomputed || x.recalc {
			v, msg = "="+string(c.formula), formulaMessage
			if len(c.formula) == 0 {
				v = "（共享公式）"
			}
			if !uncomputed {
				msg = recalcMessage
			}
		}
	}
	if msg == "" {
		msg = longCell(v)
	}
	for len(x.rec) < c.col {
		x.rec = append(x.rec, "")
	}
	x.rec[c.col-1] = v
	if msg != "" {
		x.iss = append(x.iss, cellIssue{c.col - 1, v, msg})
	}
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
