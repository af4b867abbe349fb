package data

import (
	"strconv"
	"strings"
	"unicode/utf8"

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

// normalizeCell trims the spaces a spreadsheet or a clerk leaves around and inside a cell.
func normalizeCell(s string) string {
	// Fast path: plain ASCII without surrounding spaces is by far the most common cell.
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return strings.TrimFunc(s, isSpace)
}

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
)

func (e numberError) message() string {
	switch e {
	case negative:
		return "不能为负数"
	case notInteger:
		return "不是整数"
	}
	return "不是数字"
}

// parseNumber reads a cell as a non-negative number, tolerating full-width digits, thousands
// separators and spaces. It rejects text such as "约3000", NaN and infinities.
func parseNumber(s string, integer bool) (float64, numberError) {
	if !isPlainNumber(s) {
		s = cleanNumber(s)
		if !isPlainNumber(s) {
			return 0, notNumber
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, notNumber
	}
	if v < 0 {
		return 0, negative
	}
	if integer && v != float64(int64(v)) {
		return 0, notInteger
	}
	return v, 0
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
