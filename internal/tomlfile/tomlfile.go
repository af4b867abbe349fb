// Package tomlfile decodes the TOML files a user writes (site.toml, data/county.toml, profiles)
// strictly: a syntax error, a value of the wrong type and a key the program does not know are
// all reported with the file, the line and, for unknown keys, the nearest known key. Files that
// are too large, too deeply nested or not UTF-8 are refused before parsing, so that no input can
// make the parser run out of memory or time.
package tomlfile

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/suggest"
)

// Decode decodes src into v (a pointer to a struct with toml tags). Every key of src must map
// to a field of v; fields of map type accept any key (their callers validate them). A value of
// the wrong type leaves its field unset and is reported; the other fields are still decoded, so
// that the caller can check them too and report every problem of the file at once.
func Decode(file string, src []byte, v any) diag.List {
	_, probs := DecodeMeta(file, src, v)
	return probs
}

// DecodeMeta is Decode that also returns which keys src defines.
func DecodeMeta(file string, src []byte, v any) (toml.MetaData, diag.List) {
	if p := Precheck(file, src); p != nil {
		return toml.MetaData{}, diag.List{*p}
	}
	text := string(src)
	var top map[string]toml.Primitive
	md, err := toml.Decode(text, &top)
	if err != nil {
		return md, diag.List{decodeError(file, NewIndex(text), err)}
	}
	d := &decoder{md: &md, file: file, lines: NewIndex(text), reported: map[string]bool{}}
	d.table(nil, top, reflect.ValueOf(v).Elem())
	for _, key := range md.Undecoded() {
		// Report a misspelt table once, not once per key inside it.
		if d.reported[key[:len(key)-1].String()] {
			d.reported[key.String()] = true
			continue
		}
		d.reported[key.String()] = true
		d.probs = append(d.probs, d.lines.UnknownKey(file, key, Candidates(reflect.TypeOf(v), key[:len(key)-1])))
	}
	return md, Truncate(file, d.probs)
}

// decoder decodes a table field by field, so that one bad value does not hide the others.
type decoder struct {
	md       *toml.MetaData
	file     string
	lines    Index
	probs    diag.List
	reported map[string]bool
}

// table decodes the keys of one TOML table into the struct rv.
func (d *decoder) table(path toml.Key, keys map[string]toml.Primitive, rv reflect.Value) {
	for _, name := range slices.Sorted(maps.Keys(keys)) {
		key := append(slices.Clip(path), name)
		f, ok := fieldByName(rv, name)
		if !ok {
			d.reported[key.String()] = true
			d.probs = append(d.probs, d.lines.UnknownKey(d.file, key, Candidates(rv.Type(), nil)))
			continue
		}
		d.value(key, keys[name], f)
	}
}

// value decodes one value into the field f: a struct table key by key, a map entry by entry,
// anything else at once.
func (d *decoder) value(key toml.Key, prim toml.Primitive, f reflect.Value) {
	isTable := f.Kind() == reflect.Struct || f.Kind() == reflect.Map && f.Type().Key().Kind() == reflect.String
	if !isTable {
		if err := d.md.PrimitiveDecode(prim, f.Addr().Interface()); err != nil {
			d.probs = append(d.probs, decodeError(d.file, d.lines, err))
		}
		return
	}
	// BurntSushi/toml silently decodes a non-table into a map as an empty map.
	// (An implicit table, such as [pdf] of [pdf.style], has no type.)
	if t := d.md.Type(key...); t != "Hash" && t != "" {
		d.probs = append(d.probs, diag.Problem{File: d.file, Line: d.lines.Line(key), Column: key.String(),
			Message: "类型不符：填写的是" + typeName(t) + "，这里需要表（[" + key.String() + "] 下逐行填写）"})
		return
	}
	var sub map[string]toml.Primitive
	if err := d.md.PrimitiveDecode(prim, &sub); err != nil {
		d.probs = append(d.probs, decodeError(d.file, d.lines, err))
		return
	}
	if f.Kind() == reflect.Struct {
		d.table(key, sub, f)
		return
	}
	if f.IsNil() {
		f.Set(reflect.MakeMapWithSize(f.Type(), len(sub)))
	}
	for _, name := range slices.Sorted(maps.Keys(sub)) {
		elem := reflect.New(f.Type().Elem())
		if err := d.md.PrimitiveDecode(sub[name], elem.Interface()); err != nil {
			d.probs = append(d.probs, decodeError(d.file, d.lines, err))
			continue
		}
		f.SetMapIndex(reflect.ValueOf(name).Convert(f.Type().Key()), elem.Elem())
	}
}

// fieldByName returns the field of the struct rv whose toml name is name.
func fieldByName(rv reflect.Value, name string) (reflect.Value, bool) {
	for i := range rv.NumField() {
		if n := tomlName(rv.Type().Field(i)); n != "" && n == name {
			return rv.Field(i), true
		}
	}
	return reflect.Value{}, false
}

// UnknownKey reports key as unknown, suggesting the closest of candidates.
func UnknownKey(file, src string, key toml.Key, candidates []string) diag.Problem {
	return NewIndex(src).UnknownKey(file, key, candidates)
}

// UnknownKey reports key as unknown, suggesting the closest of candidates.
func (ix Index) UnknownKey(file string, key toml.Key, candidates []string) diag.Problem {
	p := diag.Problem{File: file, Line: ix.Line(key), Column: shorten(key.String()), Message: "未知的键"}
	// A long key is no typo of a short one, and its edit distance would cost its length squared.
	if word := key[len(key)-1]; len(word) <= maxKeyLen {
		p.Message += suggest.Hint(word, candidates)
	}
	return p
}

// maxKeyLen is the longest key shown in full in a message.
const maxKeyLen = 100

// shorten cuts a key that is too long to show.
func shorten(s string) string {
	if len(s) <= maxKeyLen {
		return s
	}
	cut := maxKeyLen
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
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

// LineOf finds the line on which key is defined in src: its [table] header, its `key =` line,
// or, for a key inside an inline table, the line of the enclosing key. It returns 0 when the
// key cannot be found. BurntSushi/toml does not expose key positions, hence this scan. To look
// up many keys of one file, make an Index once.
func LineOf(src string, key toml.Key) int { return NewIndex(src).Line(key) }

// Index maps the keys of a TOML text to the lines that define them.
type Index map[string]int

// NewIndex scans src once.
func NewIndex(src string) Index {
	ix := Index{}
	var table toml.Key
	for i, line := range strings.Split(src, "\n") {
		s := strings.TrimSpace(line)
		if s == "" || s[0] == '#' {
			continue
		}
		var path toml.Key
		if s[0] == '[' {
			name := strings.TrimLeft(s, "[")
			if j := strings.Index(name, "]"); j >= 0 {
				name = name[:j]
			}
			table = parseKey(name)
			path = table
		} else if k, _, ok := strings.Cut(s, "="); ok {
			path = append(slices.Clip(table), parseKey(k)...)
		} else {
			continue
		}
		if len(path) > MaxDepth+1 {
			continue // a line of a multi-line string: Precheck refuses such keys
		}
		// A dotted key or header also defines the tables it names.
		for n := len(path); n > 0; n-- {
			if _, dup := ix[path[:n].String()]; !dup {
				ix[path[:n].String()] = i + 1
			}
		}
	}
	return ix
}

// Line returns the line of key, or of the nearest enclosing key, or 0.
func (ix Index) Line(key toml.Key) int {
	for n := len(key); n > 0; n-- {
		if line, ok := ix[key[:n].String()]; ok {
			return line
		}
	}
	return 0
}

// parseKey splits a dotted key into its parts, keeping dots inside quotes.
func parseKey(k string) toml.Key {
	var parts toml.Key
	var cur strings.Builder
	quote := byte(0)
	for i := 0; i < len(k); i++ {
		c := k[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			cur.WriteByte(c)
		case c == '"' || c == '\'':
			quote = c
		case c == '.':
			parts = append(parts, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(parts, strings.TrimSpace(cur.String()))
}

// DecodeMap decodes src into a generic map for callers that validate keys themselves.
func DecodeMap(file string, src []byte) (map[string]any, diag.List) {
	if p := Precheck(file, src); p != nil {
		return nil, diag.List{*p}
	}
	var m map[string]any
	if _, err := toml.Decode(string(src), &m); err != nil {
		return nil, diag.List{decodeError(file, NewIndex(string(src)), err)}
	}
	return m, nil
}
