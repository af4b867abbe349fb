package statimport

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// ParsePath never panics, and a path it accepts is made of normalised, non-blank levels that
// parse back to themselves.
func FuzzParsePath(f *testing.F) {
	for _, s := range []string{"教基3112›在校生数›合计", "占地面积（平方米）›其中›运动场地面积", "››", "a› b ›c", "\xff›x", strings.Repeat("a›", 20)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := ParsePath(s)
		if p == nil {
			return
		}
		if len(p) == 0 || len(p) > maxSegments {
			t.Fatalf("%q: %d levels", s, len(p))
		}
		for _, seg := range p {
			if seg == "" || !utf8.ValidString(seg) || strings.Contains(seg, Sep) || normalize(seg) != seg {
				t.Fatalf("%q: level %q", s, seg)
			}
		}
		if q := ParsePath(p.String()); !q.equal(p) {
			t.Fatalf("%q: %q parses to %q", s, p, q)
		}
	})
}

// Reading the header of any CSV never panics; every column path it gives has non-blank
// levels, and the data start below the header.
func FuzzReadHeader(f *testing.F) {
	f.Add([]byte("标题\n学校标识码,学校名称,教基3112,\n,,在校生数,\n,,合计,其中\n1,a,3,4\n"), "学校标识码")
	f.Add([]byte("a,b\n甲,乙\n1,2\n"), "")
	f.Add([]byte(",,\n,,\n"), "x")
	f.Fuzz(func(t *testing.T, src []byte, key string) {
		if len(src) > 1<<16 {
			return
		}
		s, err := ParseCSV(src, "f.csv")
		if err != nil {
			return
		}
		tb := ReadHeader(s, "教基1", key)
		if tb == nil {
			return
		}
		if tb.First <= tb.HeadTop || tb.First > len(s.Rows)+1 {
			t.Fatalf("header %d, data from %d, %d rows", tb.HeadTop, tb.First, len(s.Rows))
		}
		for i, p := range tb.Paths {
			if i == 64 {
				break // Find is linear: checking every path of 2,000 columns would be all the fuzzer does
			}
			for _, seg := range p {
				if seg == "" {
					t.Fatalf("blank level in %q", p)
				}
			}
			if p != nil && tb.Find(p) < 0 && tb.Find(p) != -2 {
				t.Fatalf("path %q not found in its own table", p)
			}
		}
	})
}
