// Package num is the one voice for numbers: every figure a reader sees — on the site, in the
// PDF, in the terminal, in the spreadsheets and in problem messages — is written by these
// functions. Each but Exact, which quotes input, is total: a number that is not finite reads
// 无法计算 and one too large for a real figure (1e15 and more) is written as 1.61e+298, so
// that no output ever says NaN, Inf or hundreds of digits.
package num

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
)

// NotComputable stands for a number that could not be computed.
const NotComputable = "无法计算"

// Huge is where a number turns to scientific notation: no real figure of a county comes near it.
const Huge = 1e15

// Finite reports whether x is neither NaN nor infinite.
func Finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// extreme writes what is not finite or absurdly large; ok is false for an ordinary number.
func extreme(x float64) (string, bool) {
	switch {
	case !Finite(x):
		return NotComputable, true
	case math.Abs(x) >= Huge:
		return strconv.FormatFloat(x, 'e', 2, 64), true
	}
	return "", false
}

// Fixed writes x with d decimals and no separators: 0.215, 6.10.
func Fixed(x float64, d int) string {
	if s, ok := extreme(x); ok {
		return s
	}
	return strconv.FormatFloat(x, 'f', d, 64)
}

// Grouped writes x with d decimals and thousands separators: 3,419.97.
func Grouped(x float64, d int) string {
	if s, ok := extreme(x); ok {
		return s
	}
	return Group(strconv.FormatFloat(x, 'f', d, 64))
}

// Count writes a count, rounded, with thousands separators: 29,673.
func Count(x float64) string { return Grouped(math.Round(x), 0) }

// Plain writes a number as a standard states it: 4.2, 0.5, 2000, 6.375; more than three
// decimals are rounded to three.
func Plain(x float64) string {
	if s, ok := extreme(x); ok {
		return s
	}
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if i := strings.IndexByte(s, '.'); i >= 0 && len(s)-i > 4 {
		s = strings.TrimRight(strings.TrimRight(strconv.FormatFloat(x, 'f', 3, 64), "0"), ".")
	}
	return s
}

// Short writes a number in a sentence of a message: as written when it has at most three
// decimals (6.375), else rounded to two decimals (three below 1) with trailing zeros removed:
// 6.12, 0.348.
func Short(x float64) string {
	if s, ok := extreme(x); ok {
		return s
	}
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if i := strings.IndexByte(s, '.'); i < 0 || len(s)-i <= 4 {
		return s
	}
	d := 2
	if math.Abs(x) < 1 {
		d = 3
	}
	s = strings.TrimRight(strconv.FormatFloat(x, 'f', d, 64), "0")
	return strings.TrimSuffix(s, ".")
}

// maxProductDecimals bounds the decimals Product writes in full; a product of a profile's
// numbers (0.85 × 2.3) has two to four.
const maxProductDecimals = 12

// Product writes a × b as decimal arithmetic gives it, with every digit it has and no more:
// 0.85 × 2.3 is 1.955, where the float64 product is 1.9549999999999998 and Short would write
// 1.95. A limit derived from a standard (the 85% floor of 2.3) is quoted this way, so that a
// reader can check it by hand. a and b are read in their shortest decimal form; a product
// needing more than twelve decimals is written as Short writes it.
func Product(a, b float64) string {
	p := a * b
	if s, ok := extreme(p); ok {
		return s
	}
	sa, sb := strconv.FormatFloat(a, 'f', -1, 64), strconv.FormatFloat(b, 'f', -1, 64)
	d := decimals(sa) + decimals(sb)
	if d > maxProductDecimals {
		return Short(p)
	}
	var s string
	if ma, okA := mantissa(sa); okA {
		if mb, okB := mantissa(sb); okB {
			if hi, lo := bits.Mul64(abs64(ma), abs64(mb)); hi == 0 && lo <= math.MaxInt64 {
				s = withPoint(strconv.FormatUint(lo, 10), d, (ma < 0) != (mb < 0) && lo != 0)
			}
		}
	}
	if s == "" { // digits beyond int64: exact in rationals
		x, _ := new(big.Rat).SetString(sa)
		y, _ := new(big.Rat).SetString(sb)
		s = x.Mul(x, y).FloatString(d) // exact: a product of decimals has at most d decimals
	}
	if d > 0 {
		s = strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// mantissa reads a number written in 'f' form as an integer without its point: "-2.35" → -235.
func mantissa(s string) (int64, bool) {
	n, err := strconv.ParseInt(strings.Replace(s, ".", "", 1), 10, 64)
	return n, err == nil
}

func abs64(n int64) uint64 {
	if n < 0 {
		return uint64(-n)
	}
	return uint64(n)
}

// withPoint writes the integer digits with d of them after a decimal point: ("1955", 3) → "1.955".
func withPoint(digits string, d int, negative bool) string {
	if len(digits) <= d {
		digits = strings.Repeat("0", d-len(digits)+1) + digits
	}
	if d > 0 {
		digits = digits[:len(digits)-d] + "." + digits[len(digits)-d:]
	}
	if negative {
		digits = "-" + digits
	}
	return digits
}

// decimals counts the digits after the point of a number written in 'f' form.
func decimals(s string) int {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}

// Exact writes a number as it was entered, in full and without exponent: 10000000, not 1e+07;
// 0.000002, not 2e-06. A problem message quotes a value or a limit this way, so that a clerk
// finds it in the cell. Being a quotation, it is the one format that does not say 无法计算: NaN
// and +Inf read as such, and a huge number keeps all its digits in exponent form (1.2345e+20).
func Exact(x float64) string {
	if !Finite(x) || math.Abs(x) >= Huge {
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// Percent writes a percentage with two decimals: 91.48%.
func Percent(x float64) string {
	s, ok := extreme(x)
	switch {
	case !ok:
		return strconv.FormatFloat(x, 'f', 2, 64) + "%"
	case !Finite(x):
		return s
	}
	return s + "%"
}

// Group inserts thousands separators into the integer part of a formatted number.
func Group(s string) string {
	intPart, frac, hasFrac := strings.Cut(s, ".")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	return b.String()
}
