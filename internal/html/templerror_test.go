package html

import (
	"errors"
	"html/template"
	"io"
	"strings"
	"testing"
)

// html/template's English errors become Chinese with the file and line of the template.
func TestTemplateError(t *testing.T) {
	files := map[string]string{"baseof.html": "youjun/templates/baseof.html", "chapter.html": "templates/chapter.html"}
	parse := func(src string) error {
		_, err := template.New("chapter.html").Parse(src)
		return err
	}
	exec := func(src string) error {
		tm := template.Must(template.New("chapter.html").Option("missingkey=error").Parse(src))
		return tm.Execute(io.Discard, map[string]any{"a": 1})
	}
	for _, tt := range []struct {
		err  error
		line int
		want string
	}{
		{parse("x\n{{foo}}"), 2, "模板有误：没有名为「foo」的模板函数"},
		{parse("{{if 1}}"), 1, "模板有误：模板意外结束"},
		{parse("{{end}}"), 1, "模板有误：多余的 {{end}}"},
		{parse("\n\n{{.x"), 3, "模板有误：「{{」缺少对应的「}}」"},
		{parse(`{{"abc}}`), 1, "模板有误：字符串缺少结尾的引号"},
		{parse("{{$x}}"), 1, "模板有误：变量「$x」没有定义"},
		{exec("\n{{.b}}"), 2, "生成 a.html 时出错：（在 {{.b}} 处）数据中没有名为「b」的项"},
		{exec("{{index .a 1}}"), 1, "生成 a.html 时出错：（在 {{index .a 1}} 处）调用函数「index」出错：不能这样取下标（类型 int）"},
		{exec(`<a href="{{.a}}`), 0, "生成 a.html 时出错：HTML 不完整"},
		{exec(`{{len 3}}`), 1, "生成 a.html 时出错：（在 {{len 3}} 处）调用函数「len」出错：len 不能用于 int"},
		{exec(`{{call .a}}`), 1, "生成 a.html 时出错：（在 {{call .a}} 处）调用函数「call」出错：「.a」不是函数，不能用 call 调用"},
		{exec(`{{lt "a" 1}}`), 1, "生成 a.html 时出错：（在 {{lt \"a\" 1}} 处）调用函数「lt」出错：比较的两个值类型不同"},
		// A template that calls itself gave "（在 {{{{template "main" .}}}} 处）模板有误（exceeded maximum template depth (100000)）".
		{exec(`{{define "main"}}{{template "main" .}}{{end}}{{template "main" .}}`), 1, `生成 a.html 时出错：（在 {{template "main" .}} 处）模板嵌套调用超过 100000 层：是否有模板调用了它自己？`},
		{errors.New("something else"), 0, "生成 a.html 时出错：模板有误（something else）"},
	} {
		page := "a.html"
		if strings.HasPrefix(tt.want, "模板有误") {
			page = ""
		}
		te := templateError(tt.err, files, page)
		if te.Line != tt.line || !strings.HasPrefix(te.Message, tt.want) {
			t.Errorf("%v\n→ line %d %q; want line %d %q", tt.err, te.Line, te.Message, tt.line, tt.want)
		}
	}
}
