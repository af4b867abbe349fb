package tomlfile

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
)

type site struct {
	County   string `toml:"county"`
	Year     int    `toml:"year"`
	Standard struct {
		Profile  string             `toml:"profile"`
		Override map[string]float64 `toml:"override"`
	} `toml:"standard"`
	Items []struct {
		ID string `toml:"id"`
	} `toml:"items"`
}

var english = regexp.MustCompile(`(?i)expected|found|unexpected|invalid|cannot|[^.]toml:|already|instead|must|%!`)

// TestDecodeErrorsInChinese feeds one file per kind of BurntSushi/toml error and checks that
// the user reads Chinese with the right line.
func TestDecodeErrorsInChinese(t *testing.T) {
	tests := []struct{ src, want string }{
		{"county = 示例县\n", `第1行「county」: TOML 格式错误：等号后应为值（数字、true/false、带引号的文字等），却是「示例县」；文字须加英文引号`},
		{"county = \"示例县\"\nyear = \n", "第2行「year」: TOML 格式错误：等号后应为值"},
		{"county = \"示例县\" year = 2025\n", "第1行: TOML 格式错误：一行只能写一个键值，其后的「y」多余"},
		{"county = \"示例县\nyear = 2025\n", "第1行「county」: TOML 格式错误：引号不成对"},
		{"县 名 = \"x\"\n", "第1行: TOML 格式错误：键名后应为等号 =，却是「县」（含空格或中文的键名须加引号）"},
		{"county = \"a\"\ncounty = \"b\"\n", "第2行「county」: TOML 格式错误：「county」重复定义：同一个键只能写一次"},
		{"[standard]\nprofile = \"x\"\n[standard]\n", "第3行: TOML 格式错误：「standard」重复定义：同一个键只能写一次"},
		{"year = 2025\nyear.x = 1\n", "第2行「year.x」: TOML 格式错误：「year」重复定义"},
		{"year = 99999999999999999999\n", "第1行「year」: 数值「99999999999999999999」超出范围"},
		{"year = 2025\ncounty = 3\n", "第2行「county」: 类型不符：填写的是整数，这里需要文字（带引号）"},
		{"county = 2025-10-15\n", "第1行「county」: 类型不符：填写的是日期时间，这里需要文字（带引号）"},
		{"county = [1]\n", "第1行「county」: 类型不符：填写的是数组，这里需要文字（带引号）"},
		{"county = {a = 1}\n", "第1行「county」: 类型不符：填写的是表，这里需要文字（带引号）"},
		{"year = \"2025\"\n", "第1行「year」: 类型不符：填写的是文字（带引号），这里需要整数"},
		{"standard = \"x\"\n", "第1行「standard」: 类型不符：填写的是文字（带引号），这里需要表"},
		{"[standard]\noverride = 3\n", "第2行「standard.override」: 类型不符：填写的是整数，这里需要表"},
		{"county = \"C:\\dir\"\n", `第1行「county」: TOML 格式错误：文字中的反斜杠 \ 是转义符，\d 无效`},
		{"county = \"a\\\nb\"\n", `第1行「county」: TOML 格式错误：文字中的反斜杠 \ 是转义符，\换行 无效`},
		{"county = \"C:\\Users\"\n", `第1行「county」: TOML 格式错误：转义符 \U 后应为十六进制数字，却是「C:\Us」`},
		{"[]\n", "第1行: TOML 格式错误：表名不能为空"},
		{"[a b]\n", "第1行: TOML 格式错误：表名中不能有「b」"},
		{"= 1\n", "第1行: TOML 格式错误：等号前缺少键名"},
		{"year = 2025,\n", "TOML 格式错误：一行只能写一个键值，其后的「,」多余"},
		{"items = [1 2]\n", "第1行「items」: TOML 格式错误：数组 [ ] 中各项应以英文逗号分隔、以 ] 结束"},
		{"x = {a = 1\n", "TOML 格式错误：内联表 { } 中各项应以英文逗号分隔"},
		{"year = 0123\n", "第1行「year」: TOML 格式错误：「0123」不是有效的整数：不能以 0 开头"},
		{"year = 1__0\n", "不是有效的整数：下划线须在两个数字之间"},
		{"year = .5\n", "TOML 格式错误：小数须以数字开头"},
		{"year = 1.5e\n", "不是有效的数字"},
		{"date = 2025-13-45\n", "第1行「date」: TOML 格式错误：「2025-13-45」不是有效的日期时间"},
		{"county = \"a\x01\"\n", "TOML 格式错误：含有不可见的控制字符（0x01"},
		{"[[standard]]\n", "第1行「standard」: 类型不符：填写的是表数组，这里需要表"},
		{"year = 2025\n[year]\n", "「year」"},
		{"county = \"\"\"abc\n", "引号不成对：文字缺少结尾的引号"},
		{"county = \"\\u00\"\n", `转义符 \u 后应为十六进制数字`},
		{"\xff\xfec\x00o\x00", "第1行: 文件是 UTF-16 编码（记事本中的「Unicode」），无法读取；请在记事本或 VS Code 中另存为 UTF-8 编码"},
		{"c\x00o\x00u\x00n\x00t\x00y\x00", "第1行: 文件是 UTF-16 编码"},        // little-endian, no byte-order mark
		{"\x00c\x00o\x00u\x00n\x00t\x00y", "第1行: 文件是 UTF-16 编码"},        // big-endian
		{"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "第1行: 不是文本文件（含有二进制内容）"}, // a binary file was said to be UTF-16
		{"county = \"a\"\n\x00", "第1行: 不是文本文件"},
		{"county = \"a\"\ntitle = \"\xca\xbe\xc0\xfd\"\n", "第2行: 含有不是 UTF-8 编码的字符（文件可能是 GBK/ANSI 编码）"},
		{"x = " + strings.Repeat("[", 17) + strings.Repeat("]", 17) + "\n", "第1行: 表的嵌套超过 16 层"},
		{"a = 1\nx = " + strings.Repeat("{a = ", 10000) + "1" + strings.Repeat("}", 10000) + "\n", "第2行: 表的嵌套超过 16 层"},
		{"a" + strings.Repeat(".a", 17) + " = 1\n", "第1行: 表的嵌套超过 16 层（括号 [ ]、{ } 或键名中的点）"},
		{"[a" + strings.Repeat(".a", 16) + "]\n", "第1行: 表的嵌套超过 16 层"},
		{"x = [{a" + strings.Repeat(".a", 15) + " = 1}]\n", "第1行: 表的嵌套超过 16 层"},
		{strings.Repeat("# 注释\n", MaxSize/8), "site.toml: 文件超过 1 MB 的上限"},
	}
	for _, tt := range tests {
		var v site
		probs := Decode("site.toml", []byte(tt.src), &v)
		got := probs.Error()
		if !strings.Contains(got, "site.toml "+tt.want) && !strings.Contains(got, tt.want) {
			t.Errorf("Decode(%.40q) =\n%s\nwant %s", tt.src, got, tt.want)
		}
		if english.MatchString(got) {
			t.Errorf("Decode(%.40q) = %s: English reaches the user", tt.src, got)
		}
	}
}

// TestDecodeReportsAll checks that one wrong value does not hide the others.
func TestDecodeReportsAll(t *testing.T) {
	var v site
	probs := Decode("site.toml", []byte("county = 3\nyear = \"x\"\ncountry = 1\n[standard.override]\n\"R6.primary\" = \"x\"\n\"R1.junior\" = 5\n[standard]\nprofil = \"a\"\n"), &v)
	for _, w := range []string{"第1行「county」: 类型不符", "第2行「year」: 类型不符", "第3行「country」: 未知的键，是否为「county」？",
		"第8行「standard.profil」: 未知的键，是否为「profile」？", `第5行「standard.override."R6.primary"」: 类型不符`} {
		if !strings.Contains(probs.Error(), w) {
			t.Errorf("problems\n%v\nlack %q", probs, w)
		}
	}
	if v.Standard.Override["R1.junior"] != 5 {
		t.Errorf("the valid override was not decoded: %v", v.Standard.Override)
	}
}

func TestLineOfQuotedKey(t *testing.T) {
	src := "a = 1\n[standard.override]\n\"R6.primary\" = nan\n 'x.y' . z = 1\n"
	if got := LineOf(src, []string{"standard", "override", "R6.primary"}); got != 3 {
		t.Errorf("LineOf quoted = %d, want 3", got)
	}
	if got := LineOf(src, []string{"standard", "override", "x.y", "z"}); got != 4 {
		t.Errorf("LineOf dotted = %d, want 4", got)
	}
}

func TestPrecheckIgnoresBracketsInStrings(t *testing.T) {
	src := "a = \"" + strings.Repeat("[", 40) + "\"\nb = '''\n" + strings.Repeat("{", 40) + "\n'''\n# " + strings.Repeat("[", 40) + "\nc = [[[1]]]\n"
	if p := Precheck("x.toml", []byte(src)); p != nil {
		t.Errorf("Precheck = %v", p)
	}
	if p := Precheck("x.toml", []byte("x = [1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5, 12.5, 13.5, 14.5, 15.5, 16.5, 17.5]\ny = {a.b.c = 1, d.e.f = 2}\n")); p != nil {
		t.Errorf("Precheck = %v", p)
	}
	if p := Precheck("x.toml", bytes.Repeat([]byte("a = 1\n"), 10)); p != nil {
		t.Errorf("Precheck = %v", p)
	}
}

func TestTruncate(t *testing.T) {
	src := strings.Repeat("x = 1\n", 0)
	for i := range 150 {
		src += "k" + strings.Repeat("x", i) + " = 1\n"
	}
	var v site
	probs := Decode("site.toml", []byte(src), &v)
	if len(probs) != MaxProblems+1 || !strings.Contains(probs[MaxProblems].Message, "还有 50 处问题未列出") {
		t.Errorf("%d problems, last %v", len(probs), probs[len(probs)-1])
	}
}
