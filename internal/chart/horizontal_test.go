package chart_test

import (
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/chart"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/internal/site"
	"github.com/youjun-edu/youjun/internal/standard"
	"github.com/youjun-edu/youjun/internal/synth"
)

// county evaluates a generated county of n campuses whose profile's floor is 95% of the standard.
func county(t *testing.T, n int) (*eval.Result, report.Labels) {
	t.Helper()
	dir := t.TempDir()
	if err := synth.WriteSite("../..", dir, n, 3); err != nil {
		t.Fatal(err)
	}
	f, _ := os.OpenFile(filepath.Join(dir, "site.toml"), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("\n[standard.override]\n\"resource.floor_ratio\" = 0.95\n")
	f.Close()
	s, probs := site.Load(dir, "")
	if probs.Err() != nil {
		t.Fatal(probs)
	}
	res := s.Evaluate()
	return res, report.New(res, s.Profile, s.County).Labels
}

// names are the primary units with an R5 value, highest first, and how many fall short and below the floor.
func names(res *eval.Result) (ns []string, short, below int) {
	type u struct {
		name string
		v    float64
	}
	var us []u
	for _, x := range res.Units {
		if v, ok := x.Values.Get("R5"); ok && v.Valid && x.Level == standard.Primary {
			us = append(us, u{x.Name, v.Value})
			if !v.Meets && v.AboveFloor {
				short++
			}
			if !v.AboveFloor {
				below++
			}
		}
	}
	slices.SortStableFunc(us, func(a, b u) int { return cmp.Compare(b.v, a.v) })
	for _, x := range us {
		ns = append(ns, x.name)
	}
	return ns, short, below
}

// issue 11: school names overprinted each other (10 schools) or vanished (≥ 16 schools, shown
// only on hover in the HTML); nothing said which bars were below the standard.
func TestDistributionNamesEveryUnit(t *testing.T) {
	for _, n := range []int{10, 30, 150} {
		res, lb := county(t, n)
		want, short, below := names(res)
		c := chart.Distribution(res, lb, standard.Primary, "R5")
		if !c.Horizontal || !slices.Equal(c.Categories, want) {
			t.Fatalf("%d campuses: horizontal %v, names %q, want %q", n, c.Horizontal, c.Categories, want)
		}
		b, err := c.ECharts()
		if err != nil {
			t.Fatal(err)
		}
		var opt struct {
			YAxis struct {
				Data      []string       `json:"data"`
				Inverse   bool           `json:"inverse"`
				AxisLabel map[string]any `json:"axisLabel"`
			} `json:"yAxis"`
			Legend struct {
				Data []string `json:"data"`
			} `json:"legend"`
			Series []struct {
				Data     []any `json:"data"`
				MarkLine struct {
					Data []struct {
						Name  string  `json:"name"`
						XAxis float64 `json:"xAxis"`
					} `json:"data"`
				} `json:"markLine"`
			} `json:"series"`
			Height string `json:"_height"`
		}
		if err := json.Unmarshal(b, &opt); err != nil {
			t.Fatal(err)
		}
		// Every name is on the axis, highest value first, none left to hover: interval 0, shown,
		// and a row of its own in a container that grows.
		if !slices.Equal(opt.YAxis.Data, want) || !opt.YAxis.Inverse {
			t.Errorf("%d campuses: axis names %q", n, opt.YAxis.Data)
		}
		if opt.YAxis.AxisLabel["interval"] != 0.0 || opt.YAxis.AxisLabel["show"] == false {
			t.Errorf("%d campuses: axis label %v", n, opt.YAxis.AxisLabel)
		}
		if h := fmt.Sprintf("%dpx", 140+22*len(want)); opt.Height != h {
			t.Errorf("%d campuses: height %q, want %q", n, opt.Height, h)
		}
		if !slices.Equal(opt.Legend.Data, []string{"达到标准", "未达标准 ✗", "低于标准的95% ✗✗"}) {
			t.Errorf("legend %q: the floor's share comes from the profile", opt.Legend.Data)
		}
		ind := res.Resource.Primary.Indicators[4]
		lines := opt.Series[0].MarkLine.Data
		if len(lines) != 2 || lines[0].XAxis != ind.Threshold || !strings.HasPrefix(lines[0].Name, "标准 ") ||
			!strings.HasPrefix(lines[1].Name, "95% ") || lines[1].XAxis != ind.Floor {
			t.Errorf("lines %+v: labelled with their values, the floor's share from the profile", lines)
		}
		// Each value is in the series of its kind, labelled with ✗ or ✗✗ for print.
		count := func(si int, mark string) int {
			k := 0
			for _, d := range opt.Series[si].Data {
				if d != nil && strings.HasSuffix(d.(map[string]any)["label"].(map[string]any)["formatter"].(string), mark) {
					k++
				}
			}
			return k
		}
		if count(1, " ✗") != short || count(2, " ✗✗") != below || count(0, "") != len(want)-short-below {
			t.Errorf("%d campuses: %d short, %d below the floor; the series hold %d, %d", n, short, below, count(1, " ✗"), count(2, " ✗✗"))
		}
	}
}

func TestParts(t *testing.T) {
	res, lb := county(t, 150)
	c := chart.Distribution(res, lb, standard.Primary, "R5")
	n := len(c.Categories)
	for _, rows := range []int{n, n - 1, 40} {
		ps := c.Parts(rows)
		var got []string
		for i, p := range ps {
			got = append(got, p.Categories...)
			if len(p.Categories) > rows || len(p.Series[0].Values) != len(p.Categories) || len(p.Series[0].Below) != len(p.Categories) {
				t.Errorf("part %d of %d: %d names, %d values", i, rows, len(p.Categories), len(p.Series[0].Values))
			}
			if len(ps) > 1 && (!strings.HasSuffix(p.Title, fmt.Sprintf("（%d/%d）", i+1, len(ps))) || p.ValueMax != c.Series[0].Values[0]) {
				t.Errorf("part title %q, value max %v", p.Title, p.ValueMax)
			}
		}
		if want := (n + rows - 1) / rows; len(ps) != want || !slices.Equal(got, c.Categories) {
			t.Errorf("%d names in parts of %d: %d parts, want %d holding every name once", n, rows, len(ps), want)
		}
	}
}

// The radar chart has a legend and a scale: numbered rings, and a note that says what they are.
func TestRadarScale(t *testing.T) {
	res, lb := county(t, 10)
	b, err := chart.Ratio(res, lb, standard.Primary).ECharts()
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{`"splitNumber":`, `"formatter":"{value}%"`, `"subtext":"每圈 50%；虚线为标准（100%）"`, `"legend":{"bottom":"0","data":["全县值","标准"],"show":true}`} {
		if !strings.Contains(s, want) {
			t.Errorf("radar option lacks %s: %s", want, s)
		}
	}
}
