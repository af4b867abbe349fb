package data

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"golang.org/x/text/width"
)

// Number is a numeric cell that may be blank. A blank cell is not zero: the evaluation reports
// what depends on it as 待补充.
type Number struct {
	Value float64
	Valid bool
}

// Num returns a valid Number.
func Num(v float64) Number { return Number{Value: v, Valid: true} }

// Or returns the value, or def when the cell is blank.
func (n Number) Or(def float64) float64 {
	if n.Valid {
		return n.Value
	}
	return def
}

// noneMarks are what people type for "none" in optional columns.
var noneMarks = map[string]bool{"-": true, "—": true, "－": true, "–": true, "——": true, "/": true, "／": true, "无": true}

// isNoneMark reports whether a cell is one of the noneMarks. None starts with a digit, which
// nearly every numeric cell does: those skip the map.
func isNoneMark(cell string) bool {
	return cell != "" && (cell[0] < '0' || cell[0] > '9') && noneMarks[cell]
}

// normalizeCell trims the spaces a spreadsheet or a clerk leaves around and inside a cell.
func normalizeCell(s string) string {
	// Fast path: a cell whose first and last bytes cannot belong to a space is the most common.
	if s == "" || !spaceStart[s[0]] && !spaceEnd[s[len(s)-1]] {
		return s
	}
	return strings.TrimFunc(s, isSpace)
}

// spaceStart and spaceEnd hold the bytes that start and end the UTF-8 of the runes isSpace
// accepts: a cell with neither at its ends has nothing to trim.
var spaceStart, spaceEnd = func() (start, end [256]bool) {
	for _, r := range []rune{' ', '\t', '\r', '\n', '\u00a0', '\u3000', '\u2009', '\u202f', '\ufeff'} {
		b := []byte(string(r))
		start[b[0]], end[b[len(b)-1]] = true, true
	}
	return start, end
}()

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\r', '\n', '\u00a0', '\u3000', '\u2009', '\u202f', '\ufeff':
		return true
	}
	return false
}

type numberError int

const (
	notNumber numberError = iota + 1
	negative
	notInteger
	tooLarge // beyond maxNumber, or overflowing a float64
	tooSmall // so close to 0 that a float64 cannot hold it
)

// maxNumber bounds every number a data file may hold: integers up to it are exact in a float64,
// and no count, area or amount of a county comes near it.
const maxNumber = 1e15

func (e numberError) message() string {
	switch e {
	case negative:
		return "不能为负数"
	case notInteger:
		return "不是整数"
	case tooLarge:
		return "数值过大，超出合理范围"
	case tooSmall:
		return "数值过小（接近 0 但不是 0），请检查"
	}
	return "不是数字"
}

// parseNumber reads a cell as a non-negative number, tolerating full-width digits, thousands
// separators and spaces. It rejects text such as "约3000", NaN, infinities and anything beyond
// maxNumber, so what it returns is finite and, for integer, exact.
func parseNumber(s string, integer bool) (float64, numberError) {
	if v, ok := shortDecimal(s); ok {
		if integer && v != math.Trunc(v) {
			return 0, notInteger
		}
		return v, 0
	}
	if !isPlainNumber(s) {
		s = cleanNumber(s)
		if !isPlainNumber(s) {
			return 0, notNumber
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if !errors.Is(err, strconv.ErrRange) {
			return 0, notNumber
		}
		if math.Abs(v) < 1 {
			return 0, tooSmall
		}
		return 0, tooLarge
	}
	if v == 0 && strings.ContainsAny(s, "123456789") && underflows(s) {
		return 0, tooSmall
	}
	if v < 0 {
		return 0, negative
	}
	if v > maxNumber {
		return 0, tooLarge
	}
	if integer && v != math.Trunc(v) {
		return 0, notInteger
	}
	return v, 0
}

// shortDecimal reads the commonest cells, a count or a decimal such as 1234.5 of up to 15
// digits, without strconv. Its result is ParseFloat's: the digits make an integer exact in a
// float64, and dividing it by an exact power of ten rounds correctly (strconv's own fast path).
// It is never negative, and never above maxNumber when maxNumber is at least 1e15.
func shortDecimal(s string) (float64, bool) {
	if s == "" || len(s) > 16 || maxNumber < 1e15 {
		return 0, false
	}
	var n int64
	digits, frac := 0, -1 // frac: digits after the point, -1 without one
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			n = n*10 + int64(c-'0')
			digits++
			if frac >= 0 {
				frac++
			}
		case c == '.' && frac < 0 && i > 0 && i < len(s)-1:
			frac = 0
		default:
			return 0, false
		}
	}
	if digits > 15 {
		return 0, false
	}
	if frac <= 0 {
		return float64(n), true
	}
	return float64(n) / pow10[frac], true
}

// pow10 holds the powers of ten that are exact in a float64, up to 10^15.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// underflows reports whether a number that parsed as 0 has a non-zero digit: 1e-400 is below
// what a float64 holds, not zero.
func underflows(s string) bool {
	mantissa, _, _ := strings.Cut(strings.ToLower(s), "e")
	return strings.ContainsAny(mantissa, "123456789")
}

// isPlainNumber accepts an optional sign, digits, at most one point and an exponent: what
// strconv.ParseFloat reads, minus its words (NaN, Inf) and hex forms.
func isPlainNumber(s string) bool {
	if s == "" {
		return false
	}
	i := 0
	if s[0] == '-' || s[0] == '+' {
		i++
	}
	digits, point := 0, false
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !point:
			point = true
		case (c == 'e' || c == 'E') && digits > 0:
			rest := s[i+1:]
			if rest != "" && (rest[0] == '-' || rest[0] == '+') {
				rest = rest[1:]
			}
			if rest == "" {
				return false
			}
			for j := 0; j < len(rest); j++ {
				if rest[j] < '0' || rest[j] > '9' {
					return false
				}
			}
			return true
		default:
			return false
		}
	}
	return digits > 0
}

// cleanNumber folds full-width characters, drops inner spaces and removes thousands separators
// when they group digits correctly ("12,345.6"); "12,34" is left alone and later rejected.
func cleanNumber(s string) string {
	s = width.Narrow.String(s)
	s = strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		return r
	}, s)
	if strings.Contains(s, ",") {
		intPart, frac, _ := strings.Cut(s, ".")
		sign := ""
		if intPart != "" && (intPart[0] == '-' || intPart[0] == '+') {
			sign, intPart = intPart[:1], intPart[1:]
		}
		groups := strings.Split(intPart, ",")
		if len(groups[0]) < 1 || len(groups[0]) > 3 {
			return s
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return s
			}
		}
		s = sign + strings.Join(groups, "")
		if strings.Contains(frac, ",") {
			return s + ".,"
		}
		if frac != "" || strings.HasSuffix(intPart, ".") {
			s += "." + frac
		}
	}
	return s
}

// excelErrors are the error values a formula shows in Excel and WPS, with what they mean.
var excelErrors = map[string]string{
	"#DIV/0!": "除数为 0",
	"#REF!":   "引用的单元格已被删除",
	"#VALUE!": "参与计算的值类型不对",
	"#NAME?":  "公式中有无法识别的名称",
	"#N/A":    "查找不到对应的值",
	"#NUM!":   "数值无效",
	"#NULL!":  "引用的区域没有交集",
	"#SPILL!": "结果区域被占用",
	"#CALC!":  "计算出错",
}

// ExcelErrorMessage says what an Excel error value in a cell means, or "" when v is none.
func ExcelErrorMessage(v string) string {
	meaning, ok := excelErrors[strings.ToUpper(v)]
	if !ok {
		if !strings.HasPrefix(v, "#") || !strings.HasSuffix(v, "!") || len(v) > 20 {
			return ""
		}
		meaning = "公式出错"
	}
	return "是 Excel 的错误值 " + v + "（" + meaning + "），不是数据；请修正公式，或直接填写数值"
}

// formulaMessage is said of a formula whose result the file does not hold.
const formulaMessage = "是公式，但文件中没有保存它的计算结果；请在 Excel 或 WPS 中打开此文件，确认数值已算出后保存，再重新生成"

// notNumberMessage says why a cell is not a number, naming what the cell holds instead when it is
// something a spreadsheet produced: a logical value, an error value or a formula.
func notNumberMessage(cell string, e numberError) string {
	if e != notNumber {
		return e.message()
	}
	switch u := strings.ToUpper(cell); {
	case u == "TRUE" || u == "FALSE":
		return "是逻辑值 " + u + "，不是数字"
	case ExcelErrorMessage(cell) != "":
		return ExcelErrorMessage(cell)
	case strings.HasPrefix(cell, "="):
		return formulaMessage
	}
	return e.message()
}
