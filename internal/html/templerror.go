package html

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/youjun-edu/youjun/internal/diag"
)

// TemplateError is a problem with a layout or a file of the site's templates/, in Chinese, with
// the file and line it is on.
type TemplateError struct {
	File    string // templates/chapter.html (the site's), youjun/templates/baseof.html (built in)
	Line    int    // 0 when unknown
	Message string
}

func (e *TemplateError) Error() string {
	return diag.Problem{File: e.File, Line: e.Line, Message: e.Message}.String()
}

// templateLoc matches the location html/template and text/template put before their messages:
//
//	template: chapter.html:3: function "foo" not defined
//	template: school.html:1:20: executing "main" at <.Nope>: can't evaluate field Nope in type …
//	html/template:chapter.html:3:10: {{.}} appears in an ambiguous context within a URL
var templateLoc = regexp.MustCompile(`(?s)^(?:html/)?template: ?([^:\s]+)(?::(\d+))?(?::\d+)?: (?:executing "([^"]*)" at <(.*?)>: )?(.*)$`)

// templateMessages translate the messages of text/template and html/template that a template
// author meets; the first group of each pattern is quoted in the Chinese text.
var templateMessages = []struct {
	re      *regexp.Regexp
	chinese string
}{
	{regexp.MustCompile(`^function "(.+)" not defined$`), "没有名为「%s」的模板函数"},
	{regexp.MustCompile(`^"(.+)" is not a defined function$`), "没有名为「%s」的模板函数"},
	{regexp.MustCompile(`^undefined variable:? "?(.+?)"?$`), "变量「%s」没有定义"},
	{regexp.MustCompile(`^unexpected EOF$`), "模板意外结束：{{if}}、{{range}}、{{with}}、{{define}} 或 {{block}} 缺少对应的 {{end}}"},
	{regexp.MustCompile(`^unclosed action`), "「{{」缺少对应的「}}」"},
	{regexp.MustCompile(`^unclosed comment$`), "注释「{{/*」缺少对应的「*/}}」"},
	{regexp.MustCompile(`^unexpected \{\{end\}\}$`), "多余的 {{end}}"},
	{regexp.MustCompile(`^unexpected (.+) in .+$`), "语法错误：此处不应出现 %s"},
	{regexp.MustCompile(`^unexpected (.+)$`), "语法错误：此处不应出现 %s"},
	{regexp.MustCompile(`^unterminated (?:raw )?quoted string$`), "字符串缺少结尾的引号"},
	{regexp.MustCompile(`^(?:bad character|unrecognized character in action:) U\+[0-9A-F]+ '(.+)'$`), "语法错误：{{…}} 中有不允许的字符「%s」"},
	{regexp.MustCompile(`^(?:bad character|unrecognized character in action:) (.+)$`), "语法错误：{{…}} 中有不允许的字符 %s"},
	{regexp.MustCompile(`^(?:template: )?multiple definition of template "(.+)"$`), "模板「%s」定义了不止一次"},
	{regexp.MustCompile(`^missing value for (.+)$`), "{{%s}} 缺少值"},
	{regexp.MustCompile(`^can't evaluate field (\S+) in type .+$`), "数据中没有名为「%s」的字段"},
	{regexp.MustCompile(`^nil pointer evaluating \S+?\.(\S+)$`), "「%s」所在的数据为空"},
	{regexp.MustCompile(`^map has no entry for key "(.+)"$`), "数据中没有名为「%s」的项"},
	{regexp.MustCompile(`^wrong number of args for (\S+): .+$`), "函数「%s」的参数个数不对"},
	{regexp.MustCompile(`^template "?(.+?)"? not defined$`), "没有名为「%s」的模板"},
	{regexp.MustCompile(`^no such template "(.+)"$`), "没有名为「%s」的模板"},
	{regexp.MustCompile(`^"(.+)" is an incomplete or empty template$`), "模板「%s」不完整或为空"},
	{regexp.MustCompile(`^range can't iterate over (.+)$`), "range 不能遍历 %s"},
	{regexp.MustCompile(`^index out of range: (-?\d+)$`), "下标 %s 超出范围"},
	{regexp.MustCompile(`^(?:can't index item of type|cannot index slice/array with type) (\S+)$`), "不能这样取下标（类型 %s）"},
	{regexp.MustCompile(`^(?:index|slice) of (?:untyped nil|nil pointer)$`), "不能对空值取下标"},
	{regexp.MustCompile(`^wrong type for value; expected (\S+); got \S+$`), "值的类型不对（应为 %s）"},
	{regexp.MustCompile(`ends in a non-text context`), "HTML 不完整：标签、属性或引号没有闭合"},
	{regexp.MustCompile(`appears in an ambiguous context within a URL`), "链接中的 {{…}} 位置有歧义，请给属性值加上引号"},
	{regexp.MustCompile(`^len of (?:type )?(.+)$`), "len 不能用于 %s"},
	{regexp.MustCompile(`^non-function (\S+) of type .+$`), "「%s」不是函数，不能用 call 调用"},
	{regexp.MustCompile(`^incompatible types for comparison`), "比较的两个值类型不同"},
	{regexp.MustCompile(`^invalid type for comparison$`), "这类值不能比较大小"},
	{regexp.MustCompile(`^exceeded maximum template depth \((\d+)\)$`), "模板嵌套调用超过 %s 层：是否有模板调用了它自己？"},
	{regexp.MustCompile(`branches end in different contexts`), "{{if}} 或 {{range}} 的各分支结束时 HTML 状态不同（例如一支闭合了引号而另一支没有）"},
}

// errorCalling is how text/template reports an error returned by a template function.
var errorCalling = regexp.MustCompile(`(?s)^error calling (\S+): (.*)$`)

// templateError turns an error of html/template into a TemplateError naming the file (files maps
// a template's parse name to its file) and, for execution errors, the page being generated.
func templateError(err error, files map[string]string, page string) *TemplateError {
	msg := err.Error()
	m := templateLoc.FindStringSubmatch(msg)
	if m == nil {
		return &TemplateError{File: files["baseof.html"], Message: prefix(page) + "模板有误（" + msg + "）"}
	}
	name, detail := m[1], m[5]
	te := &TemplateError{File: files[name]}
	if te.File == "" {
		te.File = name
	}
	te.Line, _ = strconv.Atoi(m[2])
	where := ""
	switch {
	case strings.HasPrefix(m[4], "{{"): // a {{template}} action is shown whole
		where = "（在 " + m[4] + " 处）"
	case m[4] != "":
		where = "（在 {{" + m[4] + "}} 处）"
	}
	te.Message = prefix(page) + where + translateTemplate(detail)
	return te
}

func prefix(page string) string {
	if page == "" {
		return "模板有误："
	}
	return "生成 " + page + " 时出错："
}

// translateTemplate translates one message; an unknown one keeps its English text.
func translateTemplate(detail string) string {
	if m := errorCalling.FindStringSubmatch(detail); m != nil {
		inner, ok := translated(m[2])
		if !ok {
			inner = m[2]
		}
		return fmt.Sprintf("调用函数「%s」出错：%s", m[1], inner)
	}
	if s, ok := translated(detail); ok {
		return s
	}
	return "模板有误（" + detail + "）"
}

func translated(detail string) (string, bool) {
	for _, t := range templateMessages {
		m := t.re.FindStringSubmatch(detail)
		if m == nil {
			continue
		}
		if strings.Contains(t.chinese, "%s") {
			return fmt.Sprintf(t.chinese, m[1]), true
		}
		return t.chinese, true
	}
	return "", false
}
