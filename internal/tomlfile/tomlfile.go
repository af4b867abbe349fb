// Package tomlfile decodes the TOML files a user writes (site.toml, data/county.toml, profiles)
// strictly: a syntax error, a value of the wrong type and a key the program does not know are
// all reported with the file, the line and, for unknown keys, the nearest known key.
package tomlfile

import (
	"errors"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/suggest"
)

// Decode decodes src into v (a pointer to a struct with toml tags). Every key of src must map
// to a field of v; fields of map type accept any key (their callers validate them).
func Decode(file string, src []byte, v any) diag.List {
	_, probs := DecodeMeta(file, src, v)
	return probs
}

// DecodeMeta is Decode that also returns which keys src defines.
func DecodeMeta(file string, src []byte, v any) (toml.MetaData, diag.List) {
	md, err := toml.Decode(string(src), v)
	if err != nil {
		return md, diag.List{decodeError(file, string(src), err)}
	}
	var probs diag.List
	reported := map[string]bool{}
	for _, key := range md.Undecoded() {
		// Report a misspelt table once, not once per key inside it.
		if reported[key[:len(key)-1].String()] {
			reported[key.String()] = true
			continue
		}
		reported[key.String()] = true
		probs = append(probs, UnknownKey(file, string(src), key, Candidates(reflect.TypeOf(v), key[:len(key)-1])))
	}
	return md, probs
}

// UnknownKey reports key as unknown, suggesting the closest of candidates.
func UnknownKey(file, src string, key toml.Key, candidates []string) diag.Problem {
	p := diag.Problem{File: file, Line: LineOf(src, key), Column: key.String(), Message: "未知的键"}
	if s := suggest.Closest(key[len(key)-1], candidates); s != "" {
		p.Message += "，是否为「" + s + "」？"
	}
	return p
}

// Candidates lists the keys that the struct type t accepts at path.
func Candidates(t reflect.Type, path toml.Key) []string {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	if len(path) == 0 {
		var keys []string
		for i := range t.NumField() {
			if name := tomlName(t.Field(i)); name != "" {
				keys = append(keys, name)
			}
		}
		return keys
	}
	for i := range t.NumField() {
		if tomlName(t.Field(i)) == path[0] {
			return Candidates(t.Field(i).Type, path[1:])
		}
	}
	return nil
}

func tomlName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	tag, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
	if tag == "-" {
		return ""
	}
	if tag == "" {
		return f.Name
	}
	return tag
}

var (
	lineRe     = regexp.MustCompile(`line (\d+)`)
	lastKeyRe  = regexp.MustCompile(`last key "([^"]*)"`)
	mismatchRe = regexp.MustCompile(`TOML value has type (\w+); destination has type ([\w ()-]+)`)
)

// decodeError turns a BurntSushi/toml error into a Chinese problem with a line number.
func decodeError(file, src string, err error) diag.Problem {
	p := diag.Problem{File: file}
	var pe toml.ParseError
	if errors.As(err, &pe) {
		p.Line = pe.Position.Line
		if strings.Contains(pe.Message, `got '\n'`) && p.Line > 1 {
			p.Line-- // the line ended too early: the mistake is on the line before
		}
		p.Column = pe.LastKey
		p.Message = "TOML 格式错误：" + pe.Message
		if strings.Contains(pe.Message, "range") || strings.Contains(pe.Message, "overflow") {
			p.Message = "数值超出范围：" + pe.Message
		}
		return p
	}
	msg := err.Error()
	if m := lineRe.FindStringSubmatch(msg); m != nil {
		p.Line, _ = strconv.Atoi(m[1])
	}
	if m := lastKeyRe.FindStringSubmatch(msg); m != nil {
		p.Column = m[1]
		if p.Line == 0 {
			p.Line = LineOf(src, strings.Split(m[1], "."))
		}
	}
	if m := mismatchRe.FindStringSubmatch(msg); m != nil {
		p.Message = "类型不符：填写的是" + typeName(m[1]) + "，这里需要" + typeName(m[2])
		return p
	}
	p.Message = "无法读取：" + strings.TrimPrefix(msg, "toml: ")
	return p
}

func typeName(t string) string {
	switch {
	case strings.Contains(t, "Integer"), strings.Contains(t, "integer"):
		return "整数"
	case strings.Contains(t, "Float"), strings.Contains(t, "float"):
		return "数字"
	case strings.Contains(t, "String"), strings.Contains(t, "string"):
		return "文字（带引号）"
	case strings.Contains(t, "Bool"), strings.Contains(t, "bool"):
		return "true/false"
	case strings.Contains(t, "Array"), strings.Contains(t, "slice"):
		return "数组"
	case strings.Contains(t, "Hash"), strings.Contains(t, "map"), strings.Contains(t, "table"):
		return "表"
	}
	return t
}

// LineOf finds the line on which key is defined in src: its [table] header, its `key =` line,
// or, for a key inside an inline table, the line of the enclosing key. It returns 0 when the
// key cannot be found. BurntSushi/toml does not expose key positions, hence this scan.
func LineOf(src string, key toml.Key) int {
	want := key.String()
	best, bestLen := 0, 0
	table := ""
	for i, line := range strings.Split(src, "\n") {
		s := strings.TrimSpace(line)
		if s == "" || s[0] == '#' {
			continue
		}
		var path string
		if s[0] == '[' {
			name := strings.Trim(s, "[]")
			if j := strings.Index(name, "]"); j >= 0 {
				name = name[:j]
			}
			table = normalizeKey(name)
			path = table
		} else if k, _, ok := strings.Cut(s, "="); ok {
			path = normalizeKey(k)
			if table != "" {
				path = table + "." + path
			}
		} else {
			continue
		}
		if path == want {
			return i + 1
		}
		if strings.HasPrefix(want, path+".") && len(path) > bestLen {
			best, bestLen = i+1, len(path)
		}
	}
	return best
}

func normalizeKey(k string) string {
	parts := strings.Split(k, ".")
	for i, p := range parts {
		p = strings.TrimSpace(p)
		p = strings.Trim(p, `"'`)
		parts[i] = toml.Key{p}.String()
	}
	return strings.Join(parts, ".")
}

// DecodeMap decodes src into a generic map for callers that validate keys themselves.
func DecodeMap(file string, src []byte) (map[string]any, diag.List) {
	var m map[string]any
	if _, err := toml.Decode(string(src), &m); err != nil {
		return nil, diag.List{decodeError(file, string(src), err)}
	}
	return m, nil
}
