package claims

import (
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Finding is a figure typed in a chapter that contradicts the data.
type Finding struct {
	File     string // content/02-measures.md
	Line     int    // in the file, from 1
	Column   int    // in characters, from 1
	Quoted   string // the figure as typed, with its unit: 98.2%
	Computed string // the figure it contradicts, as the report shows it: 97.5%
	Quantity string // 初中三年巩固率
	Source   string // where the computed figure comes from: data/county.toml 第57行（junior_retention_rate）
	Detail   string // what is wrong, in Chinese, without the place
	Message  string // the place and Detail: content/02-measures.md 第12行：正文写“初中三年巩固率达到98.2%”…
}

// Check finds the figures typed in the chapters that contradict the facts. A figure is checked
// when its sentence names a quantity (a keyword of a fact) and the figure is in that quantity's
// unit; a level (小学, 初中) or a year (2024年) the sentence states picks the facts of that level
// or year. Figures that are no claim about the county's data are skipped: shortcodes (computed),
// years, dates, ordinals (第3条, 表2), document numbers, figures in quotation or title marks,
// ranges, approximations (约, 左右), changes (提高2个百分点), thresholds (标准、上限), and every
// figure of a sentence about plans or targets (力争, 目标, 计划) or of a clause about another
// year or area (上年, 全省). Where the chapter leaves open which fact it means, one agreeing
// fact suffices: a check may miss a contradiction, it must not invent one.
func Check(chapters []Chapter, facts []Fact) []Finding {
	m := newMatcher(facts)
	var out []Finding
	for i := range chapters {
		c := &chapters[i]
		for _, run := range c.Runs {
			for _, s := range sentences(run.Text) {
				for _, f := range m.sentence(&s) {
					out = append(out, c.finding(run, &s, f))
				}
			}
		}
	}
	return out
}

// plans are words that make a sentence about the future or a wish: its figures are targets.
var plans = []string{"力争", "争取", "目标", "计划", "预计", "预期", "确保", "力求", "规划", "努力", "拟", "将达到", "将提高", "做到",
	"如果", "假如", "若", "假设"}

// elsewhere are words that make a clause about another year or another area: its figures are
// not this evaluation's.
var elsewhere = []string{"上年", "去年", "前年", "上一年", "上学年", "同期", "同比", "较上", "比上", "原来", "此前", "以前",
	"新建", "改扩建", "扩建", "改建", "新增", "建成", "累计", "全省", "全市", "全国", "平均水平", "省平均", "市平均", "以来",
	"近三年", "近3年", "近五年", "近5年", "三年来", "五年来", "连续", "历年", "逐年", "每年", "各年", "年均", "近两年",
	"近年来", "近几年", "前三年", "含", "包括", "包含"}

// found is a contradiction within a sentence, before it is placed in its file.
type found struct {
	n        number
	from, to int // where the quotation in the message begins and ends
	fact     *Fact
	several  bool // the chapter left open which of several facts it means; none agrees
}

// sentence checks the figures of one sentence.
func (m *matcher) sentence(s *sentence) []found {
	text := string(s.r)
	if !strings.ContainsFunc(text, isDigit) && !strings.Contains(text, "百分之") {
		return nil
	}
	for _, w := range plans {
		if strings.Contains(text, w) {
			return nil
		}
	}
	nums := s.numbers()
	ms := m.mentions(s.r, text)
	if len(ms) == 0 {
		return nil
	}
	lv := levels(s.r, ms)
	masked := maskMentions(s.r, ms)
	var out []found
	var years []int // stated before the figure
	for i := range nums {
		n := &nums[i]
		if n.year != 0 {
			years = append(years, n.year)
			if i > 0 {
				// 2022—2024年, 2022年至2024年 name 2022 and 2023 too.
				p := nums[i-1]
				between := strings.TrimSpace(strings.TrimPrefix(string(s.r[p.end:n.start]), "年"))
				if first, err := strconv.Atoi(p.digits); err == nil && len(p.digits) == 4 && first < n.year &&
					n.year-first < 50 && len([]rune(between)) == 1 && strings.Contains("—－-~～至到–", between) {
					for y := first; y < n.year; y++ {
						if !slices.Contains(years, y) {
							years = append(years, y)
						}
					}
				}
			}
			continue
		}
		if n.skip || !comparable(n.unit) {
			continue
		}
		cs := s.clauseStart(n.start)
		if containsAny(string(s.r[cs:n.start]), elsewhere) {
			continue
		}
		b, ok := m.bind(s, n, ms, cs)
		if !ok {
			continue
		}
		levels, at := s.levelsOf(n, nums, lv)
		q := query{n: n, levels: levels, weak: at < s.clauseStart(min(b.as, n.start)), years: years,
			context:      string(masked[min(b.from, cs):n.start]),
			levelBetween: levelBetween(lv, b.at, n.start)}
		// A past year's 综合差异系数 is data/history/'s 基本均衡 one: quoted with 基本均衡.
		q.past = strings.Contains(string(s.r[:n.start]), "基本均衡")
		q.part = containsAny(string(masked[:n.start]), subsets) || schoolNamed(string(masked[:n.start]))
		cands := m.candidates(b.ids, q)
		if len(cands) == 0 || quotesStandard(n, cands) {
			continue
		}
		agree := n.all
		for _, f := range cands {
			ok := agrees(n.digits, n.mult, n.op, f.Value) || n.op == opEq && asShown(n.digits, n.mult, f.Shown)
			if n.all {
				if !ok {
					agree = false
					out = append(out, found{n: *n, from: b.from, to: b.to, fact: f})
					break
				}
			} else if ok {
				agree = true
				break
			}
		}
		if !agree && !n.all {
			out = append(out, found{n: *n, from: b.from, to: b.to, fact: closest(cands, n), several: len(cands) > 1})
		}
	}
	return out
}

// closest returns the candidate nearest the quoted figure, for the message.
func closest(cands []*Fact, n *number) *Fact {
	q, _ := strconv.ParseFloat(n.digits, 64)
	q *= math.Pow10(n.mult)
	best := cands[0]
	for _, f := range cands[1:] {
		if math.Abs(f.Value-q) < math.Abs(best.Value-q) {
			best = f
		}
	}
	return best
}

// maxQuote bounds the quotation of the sentence in a message.
const maxQuote = 40

// finding places a contradiction in its file and words it.
func (c *Chapter) finding(run Run, s *sentence, f found) Finding {
	from := f.from
	if f.to-from > maxQuote {
		from = f.to - maxQuote
	}
	quote := original(run, s, from, f.to)
	figure := original(run, s, f.n.start, f.n.last)
	out := Finding{File: c.File, Quoted: figure, Computed: f.fact.Shown, Quantity: f.fact.Quantity, Source: f.fact.Source}
	if off := run.At[s.at[f.n.start]]; off >= 0 {
		out.Line, out.Column = c.position(off)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "正文写“%s”，", quote)
	switch {
	case f.several:
		fmt.Fprintf(&b, "与计算结果不符：最接近的%s为 %s（%s）", f.fact.Quantity, f.fact.Shown, f.fact.Source)
	default:
		src := f.fact.Source
		if last, _ := utf8.DecodeLastRuneInString(src); last < utf8.RuneSelf {
			src += " " // data/survey.csv 的数值
		}
		fmt.Fprintf(&b, "与%s不符：%s的数值为 %s", f.fact.Quantity, src, f.fact.Shown)
	}
	if f.n.op == opEq {
		if r, ok := roundedAs(f.n, f.fact.Value, figure, s); ok && r != f.fact.Shown {
			fmt.Fprintf(&b, "，按正文所写的位数四舍五入应为 %s", r)
		}
	}
	out.Detail = b.String()
	out.Message = fmt.Sprintf("%s 第%d行：%s", c.File, out.Line, out.Detail)
	return out
}

// original returns the run's text of the sentence's runes [from, to), shortcodes shown as {{…}}.
func original(run Run, s *sentence, from, to int) string {
	if from < 0 {
		from = 0
	}
	if to <= from {
		return ""
	}
	start := s.at[from]
	end := len(run.Text)
	if to < len(s.at) {
		end = s.at[to]
	}
	out := run.Text[start:end]
	out = strings.ReplaceAll(out, string(standIn), "{{…}}")
	if !utf8.ValidString(out) {
		out = strings.ToValidUTF8(out, "")
	}
	return out
}

// roundedAs writes the computed value as the figure would be written: rounded half-up to its
// decimals, in its unit (97.5 → 98%, 43672 → 4.37万人).
func roundedAs(n number, v float64, figure string, s *sentence) (string, bool) {
	exact, ok := new(big.Rat).SetString(strconv.FormatFloat(v, 'f', -1, 64))
	if !ok {
		return "", false
	}
	if n.mult > 0 {
		exact.Quo(exact, pow10(n.mult))
	}
	d := decimalsOf(n.digits)
	r := roundHalfUp(exact, d).FloatString(d)
	if n.unit == unitRatio {
		if strings.HasPrefix(strings.TrimSpace(figure), "1") && n.digits != "1" && !strings.HasPrefix(figure, n.digits) {
			return "1∶" + r, true
		}
		return r + "∶1", true
	}
	return r + strings.TrimSpace(string(s.r[n.end:n.last])), true
}

// quotesStandard reports whether a figure is one of the standard's numbers for the facts it may
// mean ("生均教学及辅助用房面积达到4.5平方米", "均不高于0.50"): it states the standard, or that
// the county meets it, which the evaluation itself judges.
func quotesStandard(n *number, cands []*Fact) bool {
	q, ok := new(big.Rat).SetString(n.digits)
	if !ok {
		return false
	}
	q.Mul(q, pow10(n.mult))
	for _, f := range cands {
		for _, l := range f.limits {
			if x, ok := new(big.Rat).SetString(strconv.FormatFloat(l, 'f', -1, 64)); ok && l != 0 && x.Cmp(q) == 0 {
				return true
			}
		}
	}
	return false
}
