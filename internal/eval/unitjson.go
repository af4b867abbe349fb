package eval

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// appendUnitJSON appends u as json.MarshalIndent writes an element of the units list: "{", its
// fields on lines indented by six spaces, "}" after four. It is the reflection-free form of the
// bulk of evaluation.json (units are nine tenths of a large county's file), kept to the same
// bytes by TestWriteJSONMatchesMarshalIndent. The caller has checked that the floats are finite
// and that simpleIDs holds for the indicator IDs.
func appendUnitJSON(b []byte, u *Unit) []byte {
	const in = "\n      " // a field's line
	b = append(b, "{"+in+`"code": `...)
	b = appendJSONString(b, u.Code)
	b = append(b, ","+in+`"name": `...)
	b = appendJSONString(b, u.Name)
	b = append(b, ","+in+`"row": `...)
	b = strconv.AppendInt(b, int64(u.Row), 10)
	b = append(b, ","+in+`"type": `...)
	b = appendJSONString(b, string(u.Type))
	b = append(b, ","+in+`"level": `...)
	b = appendJSONString(b, string(u.Level))
	b = append(b, ","+in+`"students": `...)
	b = appendJSONFloat(b, u.Students)
	b = append(b, ","+in+`"split": `...)
	b = strconv.AppendBool(b, u.Split)
	b = append(b, ","+in+`"share": `...)
	b = appendJSONFloat(b, u.Share)
	b = append(b, ","+in+`"values": `...)
	if len(u.Values.list) == 0 {
		b = append(b, "{}"...)
	} else {
		b = append(b, '{')
		for k, v := range u.Values.list {
			if k > 0 {
				b = append(b, ',')
			}
			b = append(b, in+`  "`...)
			b = append(b, u.Values.t.ids[k]...)
			b = append(b, `": `...)
			if v.valid && finite(v.value) {
				b = strconv.AppendFloat(b, v.value, 'g', -1, 64) // as Opt.MarshalJSON
			} else {
				b = append(b, "null"...)
			}
		}
		b = append(b, in+"}"...)
	}
	b = append(b, ","+in+`"met": `...)
	b = strconv.AppendInt(b, int64(u.Met), 10)
	b = append(b, ","+in+`"pass": `...)
	b = strconv.AppendBool(b, u.Pass)
	b = append(b, ","+in+`"status": `...)
	b = appendJSONString(b, string(u.Status))
	for _, l := range [...]struct {
		key  string
		list []string
	}{{"failing", u.Failing}, {"below_floor", u.BelowFloor}, {"missing", u.Missing}} {
		if len(l.list) == 0 {
			continue
		}
		b = append(b, ","+in+`"`...)
		b = append(b, l.key...)
		b = append(b, `": [`...)
		for i, s := range l.list {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, in+"  "...)
			b = appendJSONString(b, s)
		}
		b = append(b, in+"]"...)
	}
	if u.Reason != "" {
		b = append(b, ","+in+`"reason": `...)
		b = appendJSONString(b, u.Reason)
	}
	return append(b, "\n    }"...)
}

// simpleIDs reports whether the IDs need no escaping in JSON, as a profile's IDs (R1) do; the
// Values marshaller quotes them with strconv.Quote, whose escapes are not always JSON's.
func simpleIDs(ids []string) bool {
	for _, id := range ids {
		for i := 0; i < len(id); i++ {
			if c := id[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '.' || c == '-') {
				return false
			}
		}
	}
	return true
}

// appendJSONFloat appends a finite float64 as encoding/json writes one.
func appendJSONFloat(b []byte, f float64) []byte {
	format := byte('f')
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	n := len(b)
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// 1e-07 → 1e-7, as encoding/json does.
		if m := len(b) - n; m >= 4 && b[len(b)-4] == 'e' && b[len(b)-3] == '-' && b[len(b)-2] == '0' {
			b[len(b)-2] = b[len(b)-1]
			b = b[:len(b)-1]
		}
	}
	return b
}

// appendJSONString appends s quoted as encoding/json quotes a string (escaping <, > and & for
// HTML, invalid UTF-8 as U+FFFD, and U+2028 and U+2029).
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
