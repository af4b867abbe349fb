package pdftext

import (
	"strconv"
	"strings"
)

// glyphNames are the Adobe glyph names of the characters a report's Latin text uses; other
// names read as uniXXXX or uXXXX[XX] (Adobe Glyph List Specification).
var glyphNames = map[string]rune{
	"space": ' ', "exclam": '!', "quotedbl": '"', "numbersign": '#', "dollar": '$', "percent": '%',
	"ampersand": '&', "quotesingle": '\'', "parenleft": '(', "parenright": ')', "asterisk": '*',
	"plus": '+', "comma": ',', "hyphen": '-', "period": '.', "slash": '/', "zero": '0', "one": '1',
	"two": '2', "three": '3', "four": '4', "five": '5', "six": '6', "seven": '7', "eight": '8',
	"nine": '9', "colon": ':', "semicolon": ';', "less": '<', "equal": '=', "greater": '>',
	"question": '?', "at": '@', "bracketleft": '[', "backslash": '\\', "bracketright": ']',
	"asciicircum": '^', "underscore": '_', "grave": '`', "braceleft": '{', "bar": '|',
	"braceright": '}', "asciitilde": '~', "quoteleft": '‘', "quoteright": '’', "quotedblleft": '“',
	"quotedblright": '”', "endash": '–', "emdash": '—', "bullet": '•', "ellipsis": '…',
	"degree": '°', "multiply": '×', "divide": '÷', "minus": '−', "plusminus": '±', "periodcentered": '·',
}

// glyphRune is the character a glyph name stands for, or 0.
func glyphRune(n string) rune {
	if i := strings.IndexByte(n, '.'); i > 0 {
		n = n[:i] // "one.oldstyle"
	}
	if r, ok := glyphNames[n]; ok {
		return r
	}
	if len(n) == 1 && (n[0] >= 'a' && n[0] <= 'z' || n[0] >= 'A' && n[0] <= 'Z') {
		return rune(n[0])
	}
	hex := ""
	switch {
	case strings.HasPrefix(n, "uni") && len(n) == 7:
		hex = n[3:]
	case strings.HasPrefix(n, "u") && len(n) >= 5 && len(n) <= 7:
		hex = n[1:]
	}
	if hex != "" {
		if v, err := strconv.ParseUint(hex, 16, 32); err == nil && v <= 0x10FFFF && (v < 0xD800 || v > 0xDFFF) {
			return rune(v)
		}
	}
	return 0
}
