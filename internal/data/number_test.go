package data

import (
	"strconv"
	"strings"
	"testing"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in      string
		integer bool
		want    float64
		err     numberError
	}{
		{"3000", false, 3000, 0},
		{"3000.5", false, 3000.5, 0},
		{"３０００", false, 3000, 0},
		{"３，０００．５", false, 3000.5, 0},
		{"1,234,567", true, 1234567, 0},
		{"1,234.5", false, 1234.5, 0},
		{"12,34", false, 0, notNumber},
		{"1 234", true, 1234, 0},
		{"1.2E+04", false, 12000, 0},
		{"约3000", false, 0, notNumber},
		{"3000平方米", false, 0, notNumber},
		{"NaN", false, 0, notNumber},
		{"Inf", false, 0, notNumber},
		{"0x10", false, 0, notNumber},
		{"-5", false, 0, negative},
		{"－５", false, 0, negative},
		{"12.5", true, 0, notInteger},
		{"12.0", true, 12, 0},
		{".5", false, 0.5, 0},
		{"1.2.3", false, 0, notNumber},
		{"1e400", false, 0, tooLarge},
		{"1e-400", false, 0, tooSmall},
		{"0e-400", false, 0, 0},
		{"99999999999999999999", true, 0, tooLarge},
		{"1e15", true, 1e15, 0},
		{"1.5e15", false, 0, tooLarge},
		{"9007199254740993", true, 0, tooLarge},
	}
	for _, tt := range tests {
		got, err := parseNumber(normalizeCell(tt.in), tt.integer)
		if err != tt.err || (err == 0 && got != tt.want) {
			t.Errorf("parseNumber(%q) = %v, %v; want %v, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

// TestShortDecimal checks the fast path for counts and decimals against strconv, which it must equal.
func TestShortDecimal(t *testing.T) {
	for _, s := range []string{"0", "7", "007", "1234", "999999999999999", "1000000000000000", "12.5", "0.1", "0.3",
		"123456789012.345", "1234567890123.456", "9.999999999999999", "99999999999999.9", "0.000000000000001",
		"1.", ".5", "1..2", "1.2.3", "-3", "+3", "1e3", "", "12a", "１２", "."} {
		checkShortDecimal(t, s)
	}
}

func checkShortDecimal(t *testing.T, s string) {
	v, ok := shortDecimal(s)
	want, err := strconv.ParseFloat(s, 64)
	digits := strings.Count(s, "") - 1 - strings.Count(s, ".")
	wantOK := err == nil && digits <= 15 && strings.Trim(s, "0123456789.") == "" && strings.Count(s, ".") <= 1 &&
		!strings.HasPrefix(s, ".") && !strings.HasSuffix(s, ".")
	if ok != wantOK || ok && v != want {
		t.Errorf("shortDecimal(%q) = %v, %v; want %v, %v", s, v, ok, want, wantOK)
	}
	if ok {
		if pv, perr := parseNumber(s, false); pv != want || perr != 0 {
			t.Errorf("parseNumber(%q) = %v, %v", s, pv, perr)
		}
	}
}

// FuzzShortDecimal: the fast path agrees with strconv.ParseFloat on any text.
func FuzzShortDecimal(f *testing.F) {
	for _, s := range []string{"1234.5", "0.1", "999999999999999", "12.25"} {
		f.Add(s)
	}
	f.Fuzz(checkShortDecimal)
}

// FuzzNormalizeCell: the fast path trims what strings.TrimFunc trims.
func FuzzNormalizeCell(f *testing.F) {
	for _, s := range []string{"甲小学", " 300 ", "\u3000甲\u3000", "\u00a0x", "x\ufeff", "\u2009", "¢", "a\u202f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := normalizeCell(s), strings.TrimFunc(s, isSpace); got != want {
			t.Fatalf("normalizeCell(%q) = %q, want %q", s, got, want)
		}
	})
}
