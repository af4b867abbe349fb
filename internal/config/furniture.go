package config

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/youjun-edu/youjun/internal/diag"
)

// DefaultDraftMark is printed in the header of a PDF built while the report is not finished.
const DefaultDraftMark = "征求意见稿"

// maxDraftMark is the longest draft mark, in characters: it fits the header beside nothing else.
const maxDraftMark = 20

// DraftMarkText is the wording of the draft mark: site.toml's [pdf] draft_mark, else 征求意见稿.
func (c *Config) DraftMarkText() string {
	if c.PDF.DraftMark != "" {
		return c.PDF.DraftMark
	}
	return DefaultDraftMark
}

// Signature reports whether the PDF's body ends with the 落款 (bureau and date): site.toml's
// [pdf] signature, true when not given.
func (c *Config) Signature() bool { return c.PDF.Signature == nil || *c.PDF.Signature }

// checkFurniture checks the draft mark: one short line of text.
func (c *Config) checkFurniture() diag.List {
	var probs diag.List
	m := c.PDF.DraftMark
	if utf8.RuneCountInString(m) > maxDraftMark || strings.ContainsFunc(m, unicode.IsControl) || strings.TrimSpace(m) != m {
		probs.Add(FileName, c.Line("pdf.draft_mark"), "pdf.draft_mark", m, "草稿标记须是一行不超过 %d 个字的文字，首尾不能有空格，如“征求意见稿”或“草稿”", maxDraftMark)
	}
	return probs
}
