// Package cjk answers the one question about characters that both the Markdown parser and the
// PDF line breaker ask: is this an East Asian wide character?
package cjk

import (
	"unicode"

	"golang.org/x/text/width"
)

// IsWide reports an East Asian wide or full-width character: Han, kana, Hangul, and the
// full-width punctuation of Chinese text.
func IsWide(r rune) bool {
	if unicode.Is(unicode.Han, r) {
		return true
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return true
	}
	return false
}
