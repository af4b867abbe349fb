package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/synth"
)

// marshalIndent is evaluation.json as encoding/json writes it in one piece.
func marshalIndent(t *testing.T, r *Result) []byte {
	t.Helper()
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}

// WriteJSON writes the bytes of json.MarshalIndent: for counties small and large (lists of
// several blocks, a last block short), with and without county figures, with findings and
// warnings, for both profiles, and with the long lists empty.
func TestWriteJSONMatchesMarshalIndent(t *testing.T) {
	p, h := national(t), hunan(t)
	results := map[string]*Result{
		"passing":       passingCounty(t, p, passingFigures(t, p)),
		"passing hunan": hunanCounty(t, h, hunanFigures(t, h, fullScores(h, nil))),
		"no schools":    evaluate(t, p, nil),
		"absurd": evaluateChanged(t, nil, func(m map[string]*data.School) {
			m["P1"].TeachingArea = data.Num(1e300)
		}, primaryAt, juniorAt),
	}
	for _, n := range []int{1, 700, 3000} {
		table, probs := data.ParseCSV(synth.CSV(n, uint64(n)), "data/schools.csv")
		if probs.Err() != nil {
			t.Fatal(probs)
		}
		for i := range table.Schools { // warnings and blank cells
			s := &table.Schools[i]
			switch i % 100 {
			case 1:
				s.SharedPEArtTeachers = data.Num(2)
			case 2:
				s.ExtraSportsArea = data.Num(500)
			case 3:
				s.TeachingArea = data.Number{}
			case 4: // what a string must escape
				s.Name, s.Code = "<甲&乙>\u2028\u2029\x01\b\f\n\r\t\xff\"\\小学", s.Code+"</script>"
			}
		}
		for name, prof := range map[string]*Result{
			"national": Evaluate(Input{Profile: p, County: &data.County{Table: table, Figures: passingFigures(t, p)}, Name: "测试县", Year: 2025}),
			"hunan":    Evaluate(Input{Profile: h, County: &data.County{Table: table}, Year: 2025}),
		} {
			results[fmt.Sprint(name, " synth ", n)] = prof
		}
	}
	for name, r := range results {
		want := marshalIndent(t, r)
		var got bytes.Buffer
		if err := r.WriteJSON(&got); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%s: WriteJSON differs from json.MarshalIndent", name)
		}
		if j, _ := r.JSON(); !bytes.Equal(j, want) {
			t.Errorf("%s: JSON differs from json.MarshalIndent", name)
		}
	}
	big := results["national synth 3000"]
	if len(big.Excluded) == 0 || len(big.Failures) == 0 || len(big.Pending) == 0 || len(big.Warnings) == 0 {
		t.Errorf("the large county lacks a list: %d excluded, %d failures, %d pending, %d warnings",
			len(big.Excluded), len(big.Failures), len(big.Pending), len(big.Warnings))
	}
	if len(big.Units) < 3*listBlock {
		t.Fatalf("the large county has too few units to fill several blocks")
	}
}

// A threshold that is not a number fails as json.MarshalIndent does, and nothing is written.
func TestWriteJSONNotFinite(t *testing.T) {
	p := national(t)
	r := passingCounty(t, p, passingFigures(t, p))
	r.Resource.Primary.Indicators[0].Threshold = math.NaN()
	var b bytes.Buffer
	if err := r.WriteJSON(&b); err == nil || b.Len() > 0 {
		t.Fatalf("error %v, %d bytes written", err, b.Len())
	}
	r = passingCounty(t, p, passingFigures(t, p))
	r.Units[len(r.Units)-1].Share = math.Inf(1)
	if err := r.WriteJSON(&b); err == nil || b.Len() > 0 {
		t.Fatalf("error %v, %d bytes written", err, b.Len())
	}
	if _, err := json.Marshal(r); err == nil {
		t.Fatal("encoding/json marshals an infinite share")
	}
}

// appendJSONString quotes as encoding/json does.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"甲小学", "<a&b>", "\u2028\u2029", "\x00\x1f\x7f", "\xff\xfe", "\"\\", "\b\f\n\r\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("%q: %s, want %s", s, got, want)
		}
	})
}

// appendJSONFloat writes a finite float as encoding/json does.
func FuzzAppendJSONFloat(f *testing.F) {
	for _, v := range []float64{0, -0.0, 1, 0.1, 1e-6, 1e-7, 1e20, 1e21, 123456.789, 5e-324, math.MaxFloat64} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v float64) {
		if !finite(v) {
			return
		}
		want, _ := json.Marshal(v)
		if got := appendJSONFloat(nil, v); !bytes.Equal(got, want) {
			t.Fatalf("%v: %s, want %s", v, got, want)
		}
	})
}
