package claims

import (
	"slices"
	"strings"

	"github.com/youjun-edu/youjun/internal/standard"
)

// matcher holds the facts by quantity and the keywords that name them.
type matcher struct {
	facts    map[string][]*Fact // by ID
	keywords []keyword
}

type keyword struct {
	a, b  []rune // b alone, or a…b
	bText string // b, for a quick look
	ids   []string
}

func newMatcher(facts []Fact) *matcher {
	m := &matcher{facts: map[string][]*Fact{}}
	index := map[string]int{}
	for i := range facts {
		f := &facts[i]
		m.facts[f.ID] = append(m.facts[f.ID], f)
		for _, kw := range f.Keywords {
			k, ok := index[kw]
			if !ok {
				k = len(m.keywords)
				index[kw] = k
				a, b, found := strings.Cut(kw, gap)
				if !found {
					a, b = "", kw
				}
				m.keywords = append(m.keywords, keyword{a: []rune(a), b: []rune(b), bText: b})
			}
			if !slices.Contains(m.keywords[k].ids, f.ID) {
				m.keywords[k].ids = append(m.keywords[k].ids, f.ID)
			}
		}
	}
	return m
}

// mention is a keyword found in a sentence: its last part at r[bs:be], its first (of "A…B")
// at r[as:ae].
type mention struct {
	as, ae, bs, be int
	gap            bool
	ids            []string
}

// mentions finds the keywords of a sentence. The longest wins where they overlap (综合差异系数
// over 差异系数), an "A…B" wins over B alone, and where several "A…B" share their B, all stand
// (the sentence may name several indicators before one 差异系数).
func (m *matcher) mentions(r []rune, text string) []mention {
	var all []mention
	for _, k := range m.keywords {
		if !strings.Contains(text, k.bText) {
			continue
		}
		for p := index(r, k.b, 0); p >= 0; p = index(r, k.b, p+1) {
			mt := mention{as: p, ae: p, bs: p, be: p + len(k.b), ids: k.ids}
			if len(k.a) > 0 {
				q := lastIndex(r[:p], k.a)
				if q < 0 || p-(q+len(k.a)) > gapRunes {
					continue
				}
				mt.as, mt.ae, mt.gap = q, q+len(k.a), true
			}
			all = append(all, mt)
		}
	}
	var out []mention
	for i, x := range all {
		drop := false
		for j, y := range all {
			if i == j {
				continue
			}
			inside := y.bs <= x.bs && x.be <= y.be && y.be-y.bs > x.be-x.bs
			bare := y.bs == x.bs && y.be == x.be && y.gap && !x.gap
			if inside || bare {
				drop = true
				break
			}
		}
		if !drop {
			out = append(out, x)
		}
	}
	return out
}

func index(r, sub []rune, from int) int {
	for i := from; i+len(sub) <= len(r); i++ {
		if slices.Equal(r[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

func lastIndex(r, sub []rune) int {
	for i := len(r) - len(sub); i >= 0; i-- {
		if slices.Equal(r[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// functionWords may stand between a clause's start and its figure when the figure's quantity
// was named in an earlier clause: "初中三年巩固率逐年提高，2025年为98.2%".
var functionWords = []string{"分别为", "分别是", "分别达到", "分别", "达到了", "达到", "保持在", "稳定在", "提高到", "提高至",
	"提升到", "提升至", "上升到", "上升至", "增加到", "增长到", "其中", "已经", "已", "全县", "均为", "为", "是", "达", "在",
	"最高", "最低",
	"占", "和", "与", "及", "、", "（", "）", "：", " "}

// levelWords name the levels.
var levelWords = []struct {
	word  []rune
	level standard.Level
}{
	{[]rune("初级中学"), standard.Junior}, {[]rune("小学"), standard.Primary}, {[]rune("初中"), standard.Junior},
}

type levelAt struct {
	start, end int
	level      standard.Level
}

// levels finds the level words of a sentence that are not part of a keyword (初中三年巩固率).
func levels(r []rune, ms []mention) []levelAt {
	var out []levelAt
	for i := 0; i < len(r); i++ {
		for _, lw := range levelWords {
			if i+len(lw.word) > len(r) || !slices.Equal(r[i:i+len(lw.word)], lw.word) {
				continue
			}
			end := i + len(lw.word)
			if i > 0 && r[i-1] == '中' && lw.level == standard.Primary && !(i > 1 && strings.ContainsRune("其之集", r[i-2])) {
				break // 中小学: both (其中小学: 小学)
			}
			in := false
			for _, m := range ms {
				in = in || i < m.be && end > m.bs || m.gap && i < m.ae && end > m.as
			}
			if !in {
				out = append(out, levelAt{i, end, lw.level})
			}
			i = end - 1
			break
		}
	}
	return out
}

// maskMentions returns the sentence with its keywords blanked, so that the words around a
// figure are read without them: 体育 in 每百名学生拥有体育艺术专任教师 narrows nothing.
func maskMentions(r []rune, ms []mention) []rune {
	out := slices.Clone(r)
	for _, m := range ms {
		for i := m.bs; i < m.be; i++ {
			out[i] = ' '
		}
		for i := m.as; i < m.ae; i++ {
			out[i] = ' '
		}
	}
	return out
}

// levelBetween reports whether a level word stands between a keyword and its figure:
// "义务教育学校82所，其中小学45所" counts the primary schools, not all.
func levelBetween(lv []levelAt, from, to int) bool {
	for _, l := range lv {
		if l.start >= from && l.end <= to {
			return true
		}
	}
	return false
}

// query is what a sentence says about a figure beyond its keyword.
type query struct {
	n            *number
	levels       []standard.Level // stated
	weak         bool             // the levels were stated in an earlier clause than the keyword's
	years        []int            // stated before it; none: the evaluation year
	past         bool             // about 基本均衡: data/history/'s figures may be meant
	part         bool             // the sentence narrows it to a part or a school (subsets, schoolNamed)
	context      string           // its clause up to it (from its keyword), keywords blanked
	levelBetween bool
}

// candidates returns the facts a figure may mean: those of the mentioned quantities in its
// unit, of its years (the evaluation's unless the sentence names others), of the stated levels
// for a quantity that differs by level, and not about something the words before it narrow it
// to (民办学校, 家长满意度, one school).
func (m *matcher) candidates(ids []string, q query) []*Fact {
	var out []*Fact
	seen := map[*Fact]bool{}
	for _, id := range ids {
		for _, f := range m.facts[id] {
			if seen[f] || !unitAgrees(q.n.unit, f.Unit) {
				continue
			}
			switch {
			case f.Past && !q.past,
				q.past && len(q.years) == 0 && !f.Past,
				len(q.years) > 0 && !slices.Contains(q.years, f.Year):
				continue
			case f.PerLevel && len(q.levels) > 0 && !slices.Contains(q.levels, f.Level) && !(q.weak && f.Level == ""),
				!f.PerLevel && q.levelBetween:
				continue
			case containsAny(q.context, f.unless), f.aggregate && q.part:
				continue
			}
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// nameEnds are the words that end the name of a school or campus.
var nameEnds = [][]rune{[]rune("小学"), []rune("中学"), []rune("学校"), []rune("校区"), []rune("教学点"), []rune("分校")}

// notName are the characters before 小学, 学校 … that make no school's name: 全县小学,
// 义务教育学校, 中小学, 各类学校.
const notName = " 县全各、，,和与及中育段评所的有共个校均等类在为是其（(：:年0123456789\uFFFC"

// schoolNamed reports whether the words name one school or a kind of school (第三小学, 城南学校,
// 农村学校, 九年一贯制学校): its figures are not the county's.
func schoolNamed(s string) bool {
	r := []rune(s)
	for _, end := range nameEnds {
		for p := index(r, end, 0); p >= 0; p = index(r, end, p+1) {
			if p > 0 && !strings.ContainsRune(notName, r[p-1]) {
				return true
			}
		}
	}
	return false
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// comparable reports whether some fact is quoted in unit u.
func comparable(u string) bool {
	switch u {
	case unitPercent, unitNone, unitRatio, unitYuan, unitPeople, unitSchools, unitArea, unitRooms, unitCopies, unitPoints, "万", "亿":
		return true
	}
	return false
}

// unitAgrees reports whether a figure quoted in unit u may be a fact's in unit fu.
func unitAgrees(u, fu string) bool {
	if u == "万" || u == "亿" { // 41万 (人), 9.6亿 (元)
		return fu == unitPeople || fu == unitYuan || fu == unitSchools || fu == unitArea
	}
	return u == fu
}

// bind finds the keyword a figure is about: one right after it ("60所达到要求"), else the
// nearest before it in its clause with a fact in its unit, else — when nothing but function
// words stands before the figure in its clause — the nearest in an earlier clause. from is where
// the message's quotation begins.
func (m *matcher) bind(s *sentence, n *number, ms []mention, cs int) (binding, bool) {
	ce := len(s.r)
	for j := n.last; j < len(s.r); j++ {
		if s.r[j] == '，' || s.r[j] == ',' {
			ce = j
			break
		}
	}
	// After: directly, or after 的.
	next := n.last
	if next < len(s.r) && s.r[next] == '的' {
		next++
	}
	for _, mt := range ms {
		if mt.as == next && mt.be <= ce && m.hasUnit(mt.ids, n.unit) {
			return binding{ids: mt.ids, from: cs, to: mt.be, as: mt.as, at: n.start}, true
		}
	}
	if n.adjective {
		return binding{}, false // "不足50人的教学点": a description
	}
	if b, ok := m.nearest(ms, n, cs, n.start); ok {
		b.from, b.to = cs, n.last
		return b, true
	}
	prefix := string(s.r[cs:n.start])
	if i := strings.Index(prefix, "占"); i >= 0 && onlyFunctionWords(prefix[:i]) {
		// "交流轮岗教师246人，占符合交流条件教师总数的11.1%": the share of the earlier clause's subject.
		prefix = ""
	}
	if !onlyFunctionWords(prefix) {
		return binding{}, false
	}
	b, ok := m.nearest(ms, n, 0, cs)
	b.to = n.last
	return b, ok
}

// binding is the keyword a figure is about.
type binding struct {
	ids      []string
	from, to int // the quotation for the message
	as, at   int // where the keyword begins and ends
}

// nearest returns the nearest mention ending in r[lo:hi] with a fact in the figure's unit,
// together with every mention of the same span.
func (m *matcher) nearest(ms []mention, n *number, lo, hi int) (binding, bool) {
	best := -1
	for i, mt := range ms {
		if mt.bs >= lo && mt.be <= hi && m.hasUnit(mt.ids, n.unit) && (best < 0 || mt.be > ms[best].be) {
			best = i
		}
	}
	if best < 0 {
		return binding{}, false
	}
	var ids []string
	from := ms[best].as
	for _, mt := range ms {
		if mt.bs == ms[best].bs && mt.be == ms[best].be && m.hasUnit(mt.ids, n.unit) {
			ids = append(ids, mt.ids...)
			from = min(from, mt.as)
		}
	}
	return binding{ids: ids, from: from, as: ms[best].as, at: ms[best].be}, true
}

func (m *matcher) hasUnit(ids []string, u string) bool {
	for _, id := range ids {
		for _, f := range m.facts[id] {
			if unitAgrees(u, f.Unit) {
				return true
			}
		}
	}
	return false
}

func onlyFunctionWords(s string) bool {
	for _, l := range levelWords {
		s = strings.ReplaceAll(s, string(l.word), "")
	}
	for _, w := range functionWords {
		s = strings.ReplaceAll(s, w, "")
	}
	for _, o := range ops {
		s = strings.ReplaceAll(s, o.word, "")
	}
	for _, q := range quantifiers {
		s = strings.ReplaceAll(s, q, "")
	}
	return strings.TrimSpace(s) == ""
}

// levelsOf returns the levels a figure is stated for, and where: a level word right after it
// ("62所小学"), else the nearest level words before it ("小学、初中"), paired in order with the
// figures after 分别 when they are as many.
func (s *sentence) levelsOf(n *number, nums []number, lv []levelAt) ([]standard.Level, int) {
	for _, l := range lv {
		if l.start == n.last {
			return []standard.Level{l.level}, l.start
		}
	}
	last := -1
	for i, l := range lv {
		if l.end <= n.start {
			last = i
		}
	}
	if last < 0 {
		return nil, 0
	}
	group := []standard.Level{lv[last].level}
	for k := last - 1; k >= 0; k-- {
		between := string(s.r[lv[k].end:lv[k+1].start])
		if strings.Trim(between, "、和与及 ") != "" {
			break
		}
		group = append([]standard.Level{lv[k].level}, group...)
	}
	at := lv[last].start
	if len(group) == 1 {
		return group, at
	}
	// 分别 after the group: pair the figures after it with the levels.
	text := s.r[lv[last].end:n.start]
	p := index(text, []rune("分别"), 0)
	if p < 0 {
		return group, at
	}
	// The figures listed after 分别 (0.41、0.30), in order.
	after := lv[last].end + p
	var list []number
	for _, o := range nums {
		switch {
		case o.start < after || o.year != 0:
			continue
		case len(list) > 0 && !listed(s.r[list[len(list)-1].last:o.start]):
		default:
			list = append(list, o)
			continue
		}
		break
	}
	if len(list) == len(group) {
		for k, o := range list {
			if o.start == n.start {
				return group[k : k+1], at
			}
		}
	}
	return group, at
}
