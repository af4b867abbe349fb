package tomlfile

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/limited"
)

// Limits on a TOML file, checked before parsing. A county's files are a few kilobytes and
// nest two or three levels deep; the parser's time and memory grow fast with nesting (10,000
// nested inline tables in 60 KB took 4 GB), so anything far beyond that is refused.
const (
	MaxSize  = 1 << 20 // bytes
	MaxDepth = 16      // nested [ and { outside strings and comments
)

// ReadFile reads a TOML file, or as much of it as tells that it exceeds MaxSize.
func ReadFile(path string) ([]byte, error) {
	return limited.ReadFile(path, MaxSize)
}

// Precheck refuses a file that is too large, not UTF-8 or nested too deeply, with a message
// that says how to fix it. It returns nil for a file the parser may read.
func Precheck(file string, src []byte) *diag.Problem {
	if len(src) > MaxSize {
		// The size is not shown: ReadFile stops reading just past the limit.
		return &diag.Problem{File: file, Message: "文件超过 1 MB 的上限；这类文件通常只有几 KB，请检查是否误存了其他内容"}
	}
	if utf16Text(src) {
		return &diag.Problem{File: file, Line: 1, Message: "文件是 UTF-16 编码（记事本中的「Unicode」），无法读取；请在记事本或 VS Code 中另存为 UTF-8 编码"}
	}
	if bytes.IndexByte(src, 0) >= 0 {
		return &diag.Problem{File: file, Line: 1, Message: "不是文本文件（含有二进制内容），无法读取；请检查是否误存了其他文件，应为记事本或 VS Code 中编辑的 UTF-8 文本"}
	}
	if !utf8.Valid(src) {
		line := 1
		for len(src) > 0 {
			r, size := utf8.DecodeRune(src)
			if r == utf8.RuneError && size == 1 {
				break
			}
			if r == '\n' {
				line++
			}
			src = src[size:]
		}
		return &diag.Problem{File: file, Line: line, Message: "含有不是 UTF-8 编码的字符（文件可能是 GBK/ANSI 编码）；请在记事本或 VS Code 中另存为 UTF-8 编码"}
	}
	if line := tooDeep(src); line > 0 {
		return &diag.Problem{File: file, Line: line, Message: fmt.Sprintf("表的嵌套超过 %d 层（括号 [ ]、{ } 或键名中的点），无法读取；请检查括号是否成对", MaxDepth)}
	}
	return nil
}

// utf16Text reports whether src looks like UTF-16 text: a byte-order mark, or, as text in a
// TOML file starts with ASCII (a key, a comment, a bracket), a zero byte in every pair of the
// first ones at the same place. Other zero bytes mean a binary file, not a wrong encoding.
func utf16Text(src []byte) bool {
	if bytes.HasPrefix(src, []byte{0xff, 0xfe}) || bytes.HasPrefix(src, []byte{0xfe, 0xff}) {
		return true
	}
	pairs := min(len(src)/2, 16)
	if pairs == 0 {
		return false
	}
	var high, low int // pairs whose first, second byte is zero and the other is not
	for i := range pairs {
		a, b := src[2*i], src[2*i+1]
		switch {
		case a == 0 && b != 0:
			high++
		case a != 0 && b == 0:
			low++
		}
	}
	return high == pairs || low == pairs
}

// MaxProblems is how many problems of one file are listed; the rest are counted. A file
// with thousands of wrong keys is not one a clerk fixes key by key.
const MaxProblems = 100

// Truncate keeps the first MaxProblems problems of a file and counts the rest in one more.
func Truncate(file string, probs diag.List) diag.List {
	if len(probs) <= MaxProblems {
		return probs
	}
	rest := probs[MaxProblems:]
	out := append(probs[:MaxProblems:MaxProblems], diag.Problem{File: file,
		Message: fmt.Sprintf("还有 %d 处问题未列出", len(rest)), Warning: rest.Err() == nil, Summary: true})
	return out
}

// tooDeep returns the line on which tables nest deeper than MaxDepth, or 0: brackets and
// braces outside strings and comments, and the parts of a dotted key (a.b.c is three tables
// deep). It is a cheap scan, not a parser: a file it misreads is one the parser rejects anyway.
func tooDeep(src []byte) int {
	var open []byte // the brackets and braces not yet closed
	line, dots := 1, 0
	key := true // in a key: at the start of a top-level line or of an inline table's entry
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '\n':
			line++
			if len(open) == 0 {
				key, dots = true, 0
			}
		case '#':
			for i+1 < len(src) && src[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			var n int
			i, n = skipString(src, i)
			line += n
		case '[', '{':
			open = append(open, c)
			if c == '{' {
				key, dots = true, 0
			} else if len(open) > 1 || !key {
				key = false // an array, not a [table] header
			}
			if len(open) > MaxDepth {
				return line
			}
		case ']', '}':
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
			key = false
		case ',':
			key = len(open) > 0 && open[len(open)-1] == '{'
			dots = 0
		case '=':
			key = false
		case '.':
			if key {
				dots++
				if len(open)+dots > MaxDepth {
					return line
				}
			}
		}
	}
	return 0
}

// skipString returns the index of the last byte of the string that starts at src[i] and the
// number of newlines in it. An unterminated one-line string ends at the line's end (the parser
// reports it).
func skipString(src []byte, i int) (end, lines int) {
	q := src[i]
	delim := src[i : i+1]
	if bytes.HasPrefix(src[i:], []byte{q, q, q}) {
		delim = src[i : i+3]
	}
	for i += len(delim); i < len(src); i++ {
		switch {
		case src[i] == '\n' && len(delim) == 1:
			return i - 1, lines
		case src[i] == '\n':
			lines++
		case q == '"' && src[i] == '\\':
			if i+1 < len(src) && src[i+1] == '\n' {
				lines++
			}
			i++
		case bytes.HasPrefix(src[i:], delim):
			return i + len(delim) - 1, lines
		}
	}
	return i, lines
}

// translation turns one kind of BurntSushi/toml message into Chinese; the submatches of re
// fill the %s verbs of zh in order.
type translation struct {
	re *regexp.Regexp
	zh string
}

// translations cover every message of BurntSushi/toml v1.6's lexer, parser and decoder
// (lex.go, parse.go, decode.go, error.go).
var translations = func() []translation {
	list := []struct{ re, zh string }{
		{`^unexpected EOF; expected value$`, "等号后缺少值"},
		{`^unexpected EOF; expected key separator '='$`, "键名后缺少等号 ="},
		{`^unexpected EOF; expected ('"'|"'"|'"""'|"'''")$`, "引号不成对：文字缺少结尾的引号 %s"},
		{`^unexpected EOF$`, "文件意外结束：可能缺少结尾的引号或括号"},
		{`^expected a top-level item to end with a newline, comment, or EOF, but got (.*) instead$`, "一行只能写一个键值，其后的「%s」多余（注释须以 # 开头；含空格的文字须加引号）"},
		{`^expected end of table array name delimiter ']', but got (.*) instead$`, "表数组名应以 ]] 结束，却是「%s」"},
		{`table names cannot be empty`, "表名不能为空：方括号中应写表名，如 [G8]"},
		{`^expected '\.' or '\]' to end table name, but got (.*) instead$`, "表名中不能有「%s」（表名应写成 [G8] 的形式，含空格或中文的表名须加引号）"},
		{`^expected value but found (.*) instead$`, "等号后应为值（数字、true/false、带引号的文字等），却是「%s」；文字须加英文引号"},
		{`^unexpected '=': key name appears blank$`, "等号前缺少键名"},
		{`^unexpected '\.': keys cannot start with a '\.'$`, "键名不能以点 . 开头"},
		{`^unexpected '(=|\.)'$`, "键名写法有误：多余的「%s」"},
		{`^expected '\.' or '=', but got (.*) instead$`, "键名后应为等号 =，却是「%s」（含空格或中文的键名须加引号）"},
		{`^floats must start with a digit, not '\.'$`, "小数须以数字开头，如 0.5 而非 .5"},
		{`^unexpected comma$`, "多余的逗号"},
		{`^expected a comma \(','\) or array terminator \('\]'\), but got (.*)$`, "数组 [ ] 中各项应以英文逗号分隔、以 ] 结束，却是「%s」"},
		{`^expected a comma or an inline table terminator '\}', but got (.*) instead$`, "内联表 { } 中各项应以英文逗号分隔、以 } 结束，却是「%s」"},
		{`^newlines not allowed within inline tables$`, "内联表 { } 须写在一行之内"},
		{`^strings cannot contain newlines$`, "引号不成对：带引号的文字不能跨行（多行文字请用三个引号 \"\"\"）"},
		{`^unexpected '""""""'$|^unexpected "''''''"$`, "多余的引号"},
		{`(?s)^invalid escape in string '\\(.)'$|^invalid escape: '\\(.)'$`, "文字中的反斜杠 \\ 是转义符，\\%s 无效；路径请改用 /，或写成两个反斜杠 \\\\"},
		{`^expected (?:two|four|eight) hexadecimal digits after '\\(.)', but got (.*) instead$`, "转义符 \\%s 后应为十六进制数字，却是「%s」"},
		{`^Escaped character '\\u(.*)' is not valid UTF-8\.$`, "转义字符 \\u%s 不是有效的字符"},
		{`^Invalid integer "(.*)": underscores must be surrounded by digits$`, "「%s」不是有效的整数：下划线须在两个数字之间"},
		{`^Invalid integer "(.*)": cannot have leading zeroes$`, "「%s」不是有效的整数：不能以 0 开头"},
		{`^Invalid float "(.*)": underscores must be surrounded by digits$`, "「%s」不是有效的数字：下划线须在两个数字之间"},
		{`^Invalid float "(.*)": cannot have leading zeroes$`, "「%s」不是有效的数字：不能以 0 开头"},
		{`^Invalid float "(.*)": '\.' must be followed by one or more digits$`, "「%s」不是有效的数字：小数点后须有数字"},
		{`^Invalid float value: "(.*)"$`, "「%s」不是有效的数字"},
		{`^invalid float: '(.*)'$`, "「%s」不是有效的数字"},
		{`^cannot use sign with non-decimal numbers: '(.*)'$`, "「%s」不是有效的数字"},
		{`^expected a digit but got (.*)$`, "数字中不能有「%s」"},
		{`^not an? (?:binary|octal|hexadecimal) number: '(.*)'$`, "「%s」不是有效的数字"},
		{`^(.*) is out of range for \w+$`, "数值「%s」超出范围"},
		{`^(.*) is out of the safe \w+ range$`, "数值「%s」超出范围（整数过大）"},
		{`^invalid datetime: "(.*)"$`, "「%s」不是有效的日期时间"},
		{`^invalid duration: "(.*)"$`, "「%s」不是有效的时长"},
		{`^TOML files cannot contain control characters: '0x(..)'$`, "含有不可见的控制字符（0x%s，可能是从其他软件复制带入的），请删除"},
		{`^invalid UTF-8 byte: 0x(..)$`, "含有不是 UTF-8 编码的字节 0x%s；请另存为 UTF-8 编码"},
		{`^files cannot contain NULL bytes`, "文件是 UTF-16 编码（记事本中的「Unicode」），无法读取；请另存为 UTF-8 编码"},
		{`^"(.*)" is not a table$`, "「%s」不是表，不能在其下定义键"},
		{`^Key '(.*)' was already created as a hash\.$`, "「%s」已定义为表，不能重复定义"},
		{`^Key '(.*)' was already created and cannot be used as an array\.$`, "「%s」已定义过，不能再用作表数组 [[…]]"},
		{`^Key '(.*)' has already been defined\.$`, "「%s」重复定义：同一个键只能写一次"},
		{`^type mismatch for .*: expected table but found (\w+)`, "类型不符：填写的是%s，这里需要表"},
		{`^incompatible types: TOML value has type ([\w\[\]{} .*]+); destination has type ([\w ()\[\]{}.*-]+)$`, "类型不符：填写的是%s，这里需要%s"},
		{`^expected array length (\d+); got TOML array of length (\d+)$`, "数组应有 %s 项，填了 %s 项"},
	}
	out := make([]translation, len(list))
	for i, t := range list {
		out[i] = translation{regexp.MustCompile(t.re), t.zh}
	}
	return out
}()

var (
	lineRe    = regexp.MustCompile(`^toml: (?:line (\d+) )?(?:\(last key "((?:[^"\\]|\\.)*)"\))?:? ?`)
	typeVerbs = map[string]bool{"类型不符：填写的是%s，这里需要表": true, "类型不符：填写的是%s，这里需要%s": true}
)

// decodeError turns a BurntSushi/toml error into a Chinese problem with a line number.
func decodeError(file string, lines Index, err error) diag.Problem {
	p := diag.Problem{File: file}
	var msg string
	var pe toml.ParseError
	if errors.As(err, &pe) {
		p.Line = pe.Position.Line
		if (strings.Contains(pe.Message, `got '\n'`) || strings.HasSuffix(pe.Message, "\\\n'")) && p.Line > 1 {
			p.Line-- // the line ended too early: the mistake is on the line before
		}
		p.Column = pe.LastKey
		msg = pe.Message
	} else {
		msg = err.Error()
		if m := lineRe.FindStringSubmatch(msg); m != nil {
			p.Line, _ = strconv.Atoi(m[1])
			if m[2] != "" {
				p.Column, _ = strconv.Unquote(`"` + m[2] + `"`)
			}
			msg = msg[len(m[0]):]
		}
		if p.Line == 0 && p.Column != "" {
			p.Line = lines.Line(parseKey(p.Column))
		}
	}
	p.Message = translate(msg)
	if !strings.HasPrefix(p.Message, "类型不符") && !strings.HasPrefix(p.Message, "数值") {
		p.Message = "TOML 格式错误：" + p.Message
	}
	return p
}

// translate returns the Chinese of a BurntSushi/toml message. An unknown message (from a
// newer version) is not shown in English: the line number says where to look.
func translate(msg string) string {
	for _, t := range translations {
		m := t.re.FindStringSubmatch(msg)
		if m == nil {
			continue
		}
		var args []any
		for _, s := range m[1:] {
			if s == "" {
				continue
			}
			if typeVerbs[t.zh] {
				s = typeName(s)
			} else {
				s = quoteRune(s)
			}
			args = append(args, s)
		}
		for n := strings.Count(t.zh, "%s"); len(args) < n; {
			args = append(args, "")
		}
		return fmt.Sprintf(t.zh, args...)
	}
	return "这一行的写法有误（请对照 README 中的示例检查引号、等号和括号）"
}

// quoteRune shows what the lexer quoted Go-style ('\n', "x") in a way a clerk reads.
func quoteRune(s string) string {
	switch s {
	case `'\n'`, `"\n"`, "\n":
		return "换行"
	case `'\r'`, `"\r"`, "\r":
		return "回车符"
	case `'\t'`, `"\t"`, "\t":
		return "制表符"
	case "EOF":
		return "文件结尾"
	}
	if u, err := strconv.Unquote(s); err == nil && u != "" {
		return u
	}
	if len(s) >= 2 && (s[0] == '\'' || s[0] == '"') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

func typeName(t string) string {
	switch {
	case strings.HasPrefix(t, "map"):
		return "表"
	case strings.HasPrefix(t, "[]"):
		return "数组"
	case strings.Contains(t, "Integer"), strings.Contains(t, "int"):
		return "整数"
	case strings.Contains(t, "Float"), strings.Contains(t, "float"):
		return "数字"
	case strings.Contains(t, "String"), strings.Contains(t, "string"):
		return "文字（带引号）"
	case strings.Contains(t, "Bool"), strings.Contains(t, "bool"):
		return "true/false"
	case strings.Contains(t, "ArrayHash"):
		return "表数组"
	case strings.Contains(t, "Array"), strings.Contains(t, "slice"), strings.HasPrefix(t, "[]"):
		return "数组"
	case strings.Contains(t, "Hash"), strings.Contains(t, "map"), strings.Contains(t, "table"):
		return "表"
	case strings.Contains(t, "Datetime"), strings.Contains(t, "Date"), strings.Contains(t, "Time"):
		return "日期时间"
	}
	return "其他类型"
}
