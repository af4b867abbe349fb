package content

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/youjun-edu/youjun/internal/diag"
)

// maxEncodingProblems caps the lines reported for a file that is not UTF-8: after a few, more
// of the same helps nobody.
const maxEncodingProblems = 5

// decode checks that src is UTF-8 text and returns it without its byte order mark, with line
// ends made \n and NUL characters replaced. A chapter in another encoding is an error naming
// the lines, never silently repaired: the text would come out garbled in the report.
func decode(file string, src []byte) ([]byte, diag.List) {
	switch {
	case bytes.HasPrefix(src, []byte("\xff\xfe")), bytes.HasPrefix(src, []byte("\xfe\xff")), looksUTF16(src):
		return nil, diag.List{{File: file, Line: 1, Message: "文件是 UTF-16 编码（记事本的“Unicode”），请另存为 UTF-8"}}
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(src) {
		return nil, invalidUTF8(file, src)
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	// CommonMark replaces NUL with U+FFFD; doing it here keeps it out of every renderer.
	return bytes.ReplaceAll(src, []byte{0}, []byte("\uFFFD")), nil
}

// looksUTF16 recognises UTF-16 without a byte order mark: text in it has a zero byte in every
// other position of its ASCII characters, which UTF-8 text never has.
func looksUTF16(src []byte) bool {
	n := min(len(src), 512)
	zeros := bytes.Count(src[:n], []byte{0})
	return n >= 4 && zeros*4 >= n
}

// invalidUTF8 names the lines with bytes that are not UTF-8. A file that reads as GB18030 (GBK)
// throughout was saved by an editor on Chinese Windows; it gets one message saying so.
func invalidUTF8(file string, src []byte) diag.List {
	var lines []int
	line := 1
	for rest := src; len(rest) > 0; {
		r, n := utf8.DecodeRune(rest)
		if r == utf8.RuneError && n == 1 && (len(lines) == 0 || lines[len(lines)-1] != line) {
			lines = append(lines, line)
		}
		if rest[0] == '\n' {
			line++
		}
		rest = rest[n:]
	}
	if isGB18030(src) {
		return diag.List{{File: file, Line: lines[0], Message: "文件似乎是 GBK 编码，请另存为 UTF-8（记事本、WPS 的“另存为”中选择编码 UTF-8）"}}
	}
	var probs diag.List
	for i, l := range lines {
		if i == maxEncodingProblems {
			probs = append(probs, diag.Problem{File: file, Summary: true, Message: fmt.Sprintf("另有 %d 行含有无效的 UTF-8 字节", len(lines)-i)})
			break
		}
		probs.Add(file, l, "", "", "%s", "含有无效的 UTF-8 字节（可能是从其他文件粘贴的乱码），请删除这些字符，并用 UTF-8 编码保存")
	}
	return probs
}

// isGB18030 reports whether src decodes as GB18030 without a replacement character.
func isGB18030(src []byte) bool {
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(src)
	return err == nil && utf8.Valid(out) && !bytes.Contains(out, []byte("\uFFFD"))
}

// sizeText formats a size for a message: 512 KiB → "512 KB".
func sizeText(n int) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", (n+1023)>>10)
}
