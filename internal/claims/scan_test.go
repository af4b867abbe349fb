package claims

import (
	"strconv"
	"strings"
	"testing"
)

func TestChinesePercent(t *testing.T) {
	for in, want := range map[string]string{
		"百分之九十八": "98", "百分之九十八点二": "98.2", "百分之百": "100", "百分之一百": "100", "百分之十": "10",
		"百分之十五": "15", "百分之五": "5", "百分之九十六点五": "96.5", "百分之八十五以上": "85", "百分之零点五": "0.5",
		"百分之二十": "20", "百分之两百": "200",
	} {
		s := sentences(in)[0]
		n, ok := s.readChinesePercent(0)
		if !ok || n.digits != want || n.unit != unitPercent {
			t.Errorf("%s: %q %v, want %s", in, n.digits, ok, want)
		}
	}
	if _, ok := sentences("百分之")[0].readChinesePercent(0); ok {
		t.Error("百分之 alone read")
	}
}

// What the scanner reads of each figure: its digits, unit, power of ten, operator, and whether
// it is skipped as no claim.
func TestNumbers(t *testing.T) {
	tests := []struct {
		text string
		want []string // digits unit mult op [skip] [all] [year] of each figure
	}{
		{"巩固率达到98.2%", []string{"98.2 % 0 ="}},
		{"巩固率达到９８．２％以上", []string{"98.2 % 0 >="}},
		{"在校生29,673人，4.37万人", []string{"29673 人 0 =", "4.37 人 4 ="}},
		{"生师比14.5∶1，师生比1:19，比例3:2", []string{"14.5 ∶1 0 =", "19 ∶1 0 =", "3 ∶1 0 = skip"}},
		{"均不高于0.50、0.45", []string{"0.50  0 <= all", "0.45  0 <= all"}},
		{"不足50人的教学点", []string{"50 人 0 < adjective"}},
		{"2021—2035年，2025年10月15日", []string{"2021  0 = skip", "2035 年 0 = skip year", "2025 年 0 = year", "10 月 0 =", "15 日 0 ="}},
		{"第3条，表2，每12个班，约98%，99%左右，提高2个百分点，增长12%", []string{"3 条 0 = skip", "2  0 = skip",
			"12 所 0 = skip", "98 % 0 = skip", "99 % 0 = skip", "2 百分点 0 = skip", "12 % 0 = skip"}},
		{"上限0.50，标准为85%，“95%以上”", []string{"0.50  0 = skip", "85 % 0 = skip", "95 % 0 >= skip"}},
		{"G11和5G", nil},
		{"百分之九十六点五", []string{"96.5 % 0 ="}},
		{"比标准高1.87人，最高为0.497", []string{"1.87 人 0 = skip", "0.497  0 ="}},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range sentences(tt.text) {
			for _, n := range s.numbers() {
				g := n.digits + " " + n.unit + " " + strconv.Itoa(n.mult) + " " + n.op
				for _, f := range []struct {
					on   bool
					name string
				}{{n.skip, "skip"}, {n.all, "all"}, {n.adjective, "adjective"}, {n.year != 0, "year"}} {
					if f.on {
						g += " " + f.name
					}
				}
				got = append(got, g)
			}
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s:\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}
