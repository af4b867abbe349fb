package data_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/youjun-edu/youjun/internal/data"
	"github.com/youjun-edu/youjun/internal/synth"
)

// damaged returns a generated table of n campuses with some of its cells, rows and line ends
// spoilt the ways real files are: what every check of the loader reports.
func damaged(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 7))
	junk := []string{"", " ", "约3000", "-5", "1e300", "1e-300", "TRUE", "#DIV/0!", "=B2", "３，０００．５", `"1,234.5"`,
		`" 3 000 "`, "—", "无", "12,34", "0.5", "3.0", "1e3", "0x10", "NaN", "Inf", "99999999999999999999", "2200",
		"小雪", "九年一贯制", "Y", `"a""b"`, `"x` + "\n" + `y"`, `a"b`, `"a"b`, "\u3000300\u3000", "1.2.3", "+7", ".5", "5."}
	lines := strings.Split(strings.TrimSuffix(string(synth.CSV(n, seed)), "\n"), "\n")
	var b strings.Builder
	b.WriteString(lines[0] + "\n")
	for i, line := range lines[1:] {
		cells := strings.Split(line, ",")
		switch k := r.IntN(40); {
		case k == 0:
			cells = cells[:r.IntN(len(cells))]
		case k == 1:
			cells = append(cells, "", "")
		case k == 2:
			cells = append(cells, "x")
		case k == 3:
			b.WriteString("\n,,,\n")
		case k == 4 && i > 0:
			cells[0] = fmt.Sprint("S", r.IntN(i)) // a duplicate code, most likely
		case k == 5:
			cells[0] = data.ExamplePrefix + "1"
		case k < 20:
			for range 1 + r.IntN(3) {
				cells[r.IntN(len(cells))] = junk[r.IntN(len(junk))]
			}
		}
		end := "\n"
		if r.IntN(10) == 0 {
			end = "\r\n"
		}
		b.WriteString(strings.Join(cells, ",") + end)
	}
	return []byte(b.String())
}

// The school table reads the same through csvScanner as through encoding/csv: every school,
// every problem, in the same order.
func TestCSVReaderMatchesEncodingCSV(t *testing.T) {
	var srcs [][]byte
	for seed := range uint64(4) {
		srcs = append(srcs, synth.CSV(3000, seed+1), damaged(3000, seed+1))
	}
	gbk, _ := simplifiedchinese.GBK.NewEncoder().Bytes(damaged(500, 9))
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(damaged(500, 10))
	tab := bytes.ReplaceAll(damaged(500, 11), []byte(","), []byte("\t"))
	srcs = append(srcs, gbk, utf16, tab, append([]byte("\xef\xbb\xbf"), damaged(500, 12)...))
	for i, src := range srcs {
		got, want, gotProbs, wantProbs := data.ParseCSVBoth(src, "t.csv")
		if !reflect.DeepEqual(wantProbs, gotProbs) {
			t.Errorf("source %d: problems differ:\n%v\n%v", i, wantProbs, gotProbs)
		}
		if !reflect.DeepEqual(want, got) {
			t.Errorf("source %d: tables differ", i)
		}
		if got == nil || len(got.Schools) < 400 {
			t.Fatalf("source %d: too few schools read to compare", i)
		}
		if i%2 == 1 && len(gotProbs) < 50 {
			t.Errorf("source %d: only %d problems: the damage does not reach the checks", i, len(gotProbs))
		}
	}
}
