package report

import (
	"strconv"
	"strings"

	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/standard"
)

// Labels are the words a renderer prints that follow numbers of the profile, which a site may
// override: a renderer takes them from here rather than writing 85% or 不足50人 itself.
type Labels struct {
	Floor        string // the floor as a percentage of the standard: 85%
	Indicators   string // how many resource indicators, in words: 七项
	Excluded     string // who takes no part in the resource evaluation: 特殊教育学校、职业学校、不足50人教学点
	CriticalBand string // how close to its limit a CV is critical: 0.005
	FloorShort   string // a unit below its standard but not its floor: 未达标准（不低于85%）
	BelowFloor   string // a unit below its floor: 低于标准的85%
	FloorHeader  string // the floor's column: 85%下限
}

func labels(p *standard.Profile) Labels {
	r := &p.Resource
	floor := num.Product(r.FloorRatio, 100) + "%"
	var excluded []string
	for _, t := range r.ExcludedTypes {
		excluded = append(excluded, string(t))
	}
	excluded = append(excluded, "不足"+strconv.Itoa(r.MinTeachingPointStudents)+"人教学点")
	return Labels{
		Floor:        floor,
		Indicators:   ChineseNumber(len(r.Indicators)) + "项",
		Excluded:     strings.Join(excluded, "、"),
		CriticalBand: Number(r.CVCriticalBand),
		FloorShort:   "未达标准（不低于" + floor + "）",
		BelowFloor:   "低于标准的" + floor,
		FloorHeader:  floor + "下限",
	}
}

// ChineseNumber writes a count below 100 in Chinese numerals (七, 十二, 二十), as a report
// says 七项指标; a larger count in digits.
func ChineseNumber(n int) string {
	digits := []rune("零一二三四五六七八九")
	switch {
	case n < 0 || n >= 100:
		return strconv.Itoa(n)
	case n < 10:
		return string(digits[n])
	}
	s := ""
	if n >= 20 {
		s = string(digits[n/10])
	}
	s += "十"
	if n%10 != 0 {
		s += string(digits[n%10])
	}
	return s
}
