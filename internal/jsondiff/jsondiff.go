// Package jsondiff compares two JSON documents value by value and names each difference by its
// path (resource.primary.indicators[R4].cv): a reviewer's view of what changed in an
// evaluation.json. Arrays of objects are matched by their key fields (an indicator's id, a
// school's code and level), so that a school added or removed is one difference, not a shift
// of every school after it.
package jsondiff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// keyFields are the fields that name the elements of an array of objects in evaluation.json:
// an indicator or item by id, a school by code, a check by key. A path then reads
// units[3612340001].values.R1 rather than units[0].values.R1, and a school added or removed
// is one finding, not a shift of every school after it. A school split into its primary and
// junior parts is two units of one code: code and level together name each.
var keyFields = [][]string{{"id"}, {"code"}, {"key"}, {"code", "level"}, {"id", "level"}}

// Decode reads a JSON document keeping numbers as they are written (json.Number), so that a
// figure compares as it is written.
func Decode(b []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// Compare compares got with want (as Decode gives them) and calls report for every difference
// with its path, both values as text (Show) and, in Chinese, what differs.
func Compare(got, want any, report func(where, got, want, msg string)) {
	compare("", got, want, report)
}

func compare(path string, got, want any, report func(where, got, want, msg string)) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			report(pathOr(path), Show(got), "（对象）", "类型与复算结果不同")
			return
		}
		for _, k := range slices.Sorted(maps.Keys(unionKeys(g, w))) {
			gv, gok := g[k]
			wv, wok := w[k]
			p := join(path, k)
			switch {
			case !gok:
				report(p, "（无）", Show(wv), "缺少这一项，复算结果中有")
			case !wok:
				report(p, Show(gv), "（无）", "多出这一项，复算结果中没有")
			default:
				compare(p, gv, wv, report)
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok {
			report(pathOr(path), Show(got), "（数组）", "类型与复算结果不同")
			return
		}
		if key := arrayKey(g, w); key != nil {
			compareKeyed(path, key, g, w, report)
			return
		}
		for i := range max(len(g), len(w)) {
			p := path + "[" + strconv.Itoa(i) + "]"
			switch {
			case i >= len(g):
				report(p, "（无）", Show(w[i]), "缺少这一项，复算结果中有")
			case i >= len(w):
				report(p, Show(g[i]), "（无）", "多出这一项，复算结果中没有")
			default:
				compare(p, g[i], w[i], report)
			}
		}
	default:
		if sameNumber(got, want) {
			return // 0.30 and 0.3: the same figure, written otherwise
		}
		if Show(got) != Show(want) || fmt.Sprintf("%T", got) != fmt.Sprintf("%T", want) {
			report(pathOr(path), Show(got), Show(want), "与按包内数据复算的结果不同")
		}
	}
}

// compareKeyed compares two arrays of objects element by element, matched by key.
func compareKeyed(path string, key []string, g, w []any, report func(where, got, want, msg string)) {
	gm, wm := byKey(g, key), byKey(w, key)
	seen := map[string]bool{}
	for _, list := range [][]any{w, g} {
		for _, e := range list {
			k := keyOf(e, key)
			if seen[k] {
				continue
			}
			seen[k] = true
			p := path + "[" + k + "]"
			gv, gok := gm[k]
			wv, wok := wm[k]
			switch {
			case !gok:
				report(p, "（无）", k, "缺少这一项，复算结果中有")
			case !wok:
				report(p, k, "（无）", "多出这一项，复算结果中没有")
			default:
				compare(p, gv, wv, report)
			}
		}
	}
}

// arrayKey is the key fields that name every element of both arrays uniquely, or nil.
func arrayKey(g, w []any) []string {
	for _, f := range keyFields {
		if uniqueKeys(g, f) && uniqueKeys(w, f) && (len(g) > 0 || len(w) > 0) {
			return f
		}
	}
	return nil
}

func uniqueKeys(list []any, fields []string) bool {
	seen := make(map[string]bool, len(list))
	for _, e := range list {
		k, ok := keyValue(e, fields)
		if !ok || seen[k] {
			return false
		}
		seen[k] = true
	}
	return true
}

// keyValue is an element's key: its fields' texts joined by a space.
func keyValue(e any, fields []string) (string, bool) {
	m, ok := e.(map[string]any)
	if !ok {
		return "", false
	}
	parts := make([]string, len(fields))
	for i, f := range fields {
		s, ok := m[f].(string)
		if !ok || s == "" {
			return "", false
		}
		parts[i] = s
	}
	return strings.Join(parts, " "), true
}

func byKey(list []any, key []string) map[string]any {
	m := make(map[string]any, len(list))
	for _, e := range list {
		m[keyOf(e, key)] = e
	}
	return m
}

func keyOf(e any, key []string) string {
	k, _ := keyValue(e, key)
	return k
}

func unionKeys(a, b map[string]any) map[string]bool {
	u := make(map[string]bool, len(a))
	for k := range a {
		u[k] = true
	}
	for k := range b {
		u[k] = true
	}
	return u
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func pathOr(path string) string {
	if path == "" {
		return "（整个文件）"
	}
	return path
}

// sameNumber reports whether a and b are numbers of the same value.
func sameNumber(a, b any) bool {
	x, ok1 := a.(json.Number)
	y, ok2 := b.(json.Number)
	if !ok1 || !ok2 {
		return false
	}
	fx, err1 := x.Float64()
	fy, err2 := y.Float64()
	return err1 == nil && err2 == nil && fx == fy
}

// Show writes a JSON value as a reviewer reads it: numbers as written, text without quotes.
func Show(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return v
	case json.Number:
		return v.String()
	case bool:
		if v {
			return "true"
		}
		return "false"
	case map[string]any:
		return "（对象）"
	case []any:
		return fmt.Sprintf("（数组，%d 项）", len(v))
	}
	return fmt.Sprint(v)
}
