package pdftext

import "errors"

// Errors that Extract returns; every message is in Chinese, for the user.
var (
	// ErrNotPDF: the data does not begin as a PDF file does.
	ErrNotPDF = errors.New("不是 PDF 文件")
	// ErrEncrypted: the file is encrypted; its text cannot be read without the key.
	ErrEncrypted = errors.New("PDF 已加密，无法读取文字")
	// ErrCorrupt wraps every other problem of the file's structure.
	ErrCorrupt = errors.New("PDF 文件已损坏")
	// ErrTooLarge: the file asks for more memory or work than a report may.
	ErrTooLarge = errors.New("PDF 文件过大或结构过于复杂，无法读取文字")
)

// errEOF ends the tokens of a buffer; it never reaches the caller.
var errEOF = errors.New("数据意外结束")

// corruptError is ErrCorrupt with the detail of what is wrong.
type corruptError struct{ detail string }

func (e *corruptError) Error() string { return "PDF 文件已损坏：" + e.detail }
func (e *corruptError) Unwrap() error { return ErrCorrupt }

func corrupt(detail string) error { return &corruptError{detail} }

// tooLarge is ErrTooLarge with what exceeded its limit.
type tooLargeError struct{ detail string }

func (e *tooLargeError) Error() string { return ErrTooLarge.Error() + "（" + e.detail + "）" }
func (e *tooLargeError) Unwrap() error { return ErrTooLarge }

func tooLarge(detail string) error { return &tooLargeError{detail} }
