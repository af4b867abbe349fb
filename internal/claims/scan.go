package claims

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// A sentence is the text between two of 。！？；, with full-width digits, points and percent
// signs folded to ASCII. Each rune keeps its byte offset in the run.
type sentence struct {
	r  []rune
	at []int // byte offset in the run's Text of each rune
}

// number is a figure found in a sentence.
type number struct {
	start, end int    // the digits as written: r[start:end]
	last       int    // end of the figure with its unit and 以上/以下
	digits     string // 98.2, 29673, 14.5 (a ratio's side that is not 1)
	unit       string // a unit* constant, or what else followed (年, 项, 倍 …)
	mult       int    // 4 after 万, 8 after 亿
	op         string // opEq unless a word before or after says otherwise
	all        bool   // 均、都、全部: every candidate must agree, not one
	adjective  bool   // followed by 的: "不足50人的教学点" describes, it does not claim
	skip       bool   // not a claim: a year, a date, an ordinal, an approximation, a change, a threshold…
	year       int    // a year: 2025年
}

// maxDigits bounds a figure: longer runs of digits are no county's figure (and are skipped).
const maxDigits = 24

// maxSentence bounds the runes of a sentence: a longer one (a pasted table, a list without a
// full stop) is cut at its last ，before the bound. Real sentences are far shorter, and the bound
// keeps the check linear in the chapter's length.
const maxSentence = 300

// sentences splits a run into sentences.
func sentences(text string) []sentence {
	var out []sentence
	// One array for all: the sentences of a run are slices of it.
	runes := make([]rune, 0, len(text))
	at := make([]int, 0, len(text))
	begin := 0
	cur := func() sentence { return sentence{r: runes[begin:len(runes):len(runes)], at: at[begin:len(at):len(at)]} }
	comma := -1 // the last ，of the current sentence, from begin
	for i, c := range text {
		if c == utf8.RuneError {
			c = standIn
		}
		runes = append(runes, fold(c))
		at = append(at, i)
		switch c {
		case '。', '！', '？', '；', '!', '?', ';':
			out = append(out, cur())
			begin, comma = len(runes), -1
		case '，':
			comma = len(runes) - begin
		}
		if len(runes)-begin >= maxSentence {
			cut := comma
			if cut <= 0 {
				cut = len(runes) - begin
			}
			out = append(out, sentence{r: runes[begin : begin+cut : begin+cut], at: at[begin : begin+cut : begin+cut]})
			begin, comma = begin+cut, -1
		}
	}
	if len(runes) > begin {
		out = append(out, cur())
	}
	return out
}

// fold turns full-width digits and signs into ASCII and the ratio colon into ':'.
func fold(c rune) rune {
	switch {
	case c >= '０' && c <= '９':
		return c - '０' + '0'
	case c == '．':
		return '.'
	case c == '％':
		return '%'
	case c == '∶':
		return ':'
	case c == '　':
		return ' '
	}
	return c
}

func isDigit(c rune) bool { return c >= '0' && c <= '9' }

func isLatin(c rune) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// clauseStart returns where the clause holding position i begins: after the last ，before it.
func (s *sentence) clauseStart(i int) int {
	for j := i - 1; j >= 0; j-- {
		if s.r[j] == '，' || s.r[j] == ',' && !(j > 0 && isDigit(s.r[j-1]) && j+1 < len(s.r) && isDigit(s.r[j+1])) {
			return j + 1
		}
	}
	return 0
}

// quoted marks the runes inside quotation marks, title marks and document-number brackets:
// “至少6项指标达到要求、余项不低于要求的85%” quotes the standard, 《…》 names a document, 〔2017〕6号
// numbers one. Their figures are not the county's.
func (s *sentence) quoted() []bool {
	in := make([]bool, len(s.r))
	depth := 0
	ascii := false
	for i, c := range s.r {
		switch c {
		case '“', '「', '《', '〔', '【', '『', '‘', '〈':
			depth++
		case '”', '」', '》', '〕', '】', '』', '’', '〉':
			if depth > 0 {
				depth--
			}
		case '"':
			ascii = !ascii
		}
		in[i] = depth > 0 || ascii
	}
	return in
}

// numbers finds the figures of a sentence and reads what the words around each say of it.
func (s *sentence) numbers() []number {
	var out []number
	quoted := s.quoted()
	r := s.r
	for i := 0; i < len(r); i++ {
		var n number
		var ok bool
		switch {
		case isDigit(r[i]):
			n, ok = s.readNumber(i)
		case r[i] == '百':
			if n, ok = s.readChinesePercent(i); !ok {
				continue
			}
		default:
			continue
		}
		if !ok {
			// skip the rest of this run of digits
			for i < len(r) && (isDigit(r[i]) || r[i] == '.') {
				i++
			}
			continue
		}
		n.skip = n.skip || quoted[i]
		s.context(&n)
		if k := len(out) - 1; k >= 0 && n.op == opEq && listed(r[out[k].last:n.start]) && out[k].year == 0 {
			// "分别不高于0.50、0.45": the second figure is under the first one's words.
			p := out[k]
			n.op, n.all, n.skip = p.op, p.all, n.skip || p.skip
		}
		out = append(out, n)
		i = n.end - 1
	}
	return out
}

// readNumber reads the figure starting at r[i]: digits with thousands separators and a point, a
// ratio (14.5:1, 1:19), its unit and a following 以上 or 以下.
func (s *sentence) readNumber(i int) (number, bool) {
	r := s.r
	if i > 0 && (isDigit(r[i-1]) || r[i-1] == '.' || isLatin(r[i-1]) || r[i-1] == '_') {
		return number{}, false // inside a code such as G11 or a number already read
	}
	n := number{start: i, op: opEq}
	var b strings.Builder
	j := i
	for j < len(r) {
		switch {
		case isDigit(r[j]):
			b.WriteRune(r[j])
			j++
			continue
		case r[j] == ',' && b.Len() > 0 && !strings.Contains(b.String(), ".") && groupOf3(r, j+1):
			j++
			continue
		case r[j] == '.' && j+1 < len(r) && isDigit(r[j+1]) && !strings.Contains(b.String(), "."):
			b.WriteByte('.')
			j++
			continue
		}
		break
	}
	n.end, n.digits = j, b.String()
	if j < len(r) && (isLatin(r[j]) || r[j] == '_') {
		return number{}, false // 5G, 3D
	}
	if len(n.digits) > maxDigits {
		n.skip = true
	}
	// A ratio: 14.5:1 or 1:19.
	k := skipSpaces(r, j)
	if k < len(r) && (r[k] == ':' || r[k] == '：') {
		m := skipSpaces(r, k+1)
		if m < len(r) && isDigit(r[m]) {
			other, ok := s.readNumber(m)
			if !ok {
				return number{}, false
			}
			n.end, n.last, n.unit = other.end, other.end, unitRatio
			switch {
			case other.digits == "1":
			case n.digits == "1":
				n.digits = other.digits
			default:
				n.skip = true // 3:2 is no ratio to one
			}
			s.after(&n)
			return n, true
		}
	}
	n.last = j
	s.readUnit(&n)
	s.after(&n)
	return n, true
}

// groupOf3 reports whether r[j:] starts with exactly three digits: a thousands group.
func groupOf3(r []rune, j int) bool {
	if j+3 > len(r) {
		return false
	}
	for k := j; k < j+3; k++ {
		if !isDigit(r[k]) {
			return false
		}
	}
	return j+3 == len(r) || !isDigit(r[j+3])
}

func skipSpaces(r []rune, j int) int {
	for j < len(r) && r[j] == ' ' {
		j++
	}
	return j
}

// units are read longest first; each maps to the unit it is compared in, with the power of ten
// of a 万 or 亿 before it. Units that no fact has (年, 项, 倍, 个百分点 …) are kept as written,
// so that the figure is compared with nothing.
var units = []struct {
	word, unit string
	mult       int
}{
	{"个百分点", "百分点", 0}, {"百分点", "百分点", 0},
	{"万平方米", unitArea, 4}, {"平方米", unitArea, 0}, {"平方公里", "平方公里", 0}, {"㎡", unitArea, 0},
	{"m²", unitArea, 0}, {"m2", unitArea, 0},
	{"亿元", unitYuan, 8}, {"万元", unitYuan, 4}, {"元", unitYuan, 0},
	{"万人次", "人次", 0}, {"人次", "人次", 0}, {"万人", unitPeople, 4}, {"万名", unitPeople, 4},
	{"人", unitPeople, 0}, {"名", unitPeople, 0},
	{"万所", unitSchools, 4}, {"所", unitSchools, 0}, {"个", unitSchools, 0},
	{"间", unitRooms, 0}, {"份", unitCopies, 0}, {"分", unitPoints, 0},
	{"%", unitPercent, 0}, {"‰", "‰", 0},
	{"万", "万", 4}, {"亿", "亿", 8},
}

// notUnits are words that begin with a unit's character but are no unit: 分别, 名额, 个别.
var notUnits = []string{"分别", "分之", "名额", "个别", "人民", "所有", "所属", "所在", "间隔", "分配", "人均"}

func (s *sentence) readUnit(n *number) {
	r := s.r
	j := skipSpaces(r, n.end)
	rest := string(r[j:min(len(r), j+4)])
	for _, w := range notUnits {
		if strings.HasPrefix(rest, w) {
			return
		}
	}
	for _, u := range units {
		if strings.HasPrefix(rest, u.word) {
			n.unit, n.mult = u.unit, u.mult
			n.last = j + utf8.RuneCountInString(u.word)
			return
		}
	}
	if j < len(r) {
		switch c := r[j]; c {
		case '年', '月', '日', '号', '时', '项', '倍', '次', '岁', '级', '届', '期', '条', '章', '节', '批', '天', '周', '学', '位', '类', '种', '台', '套', '册', '辆', '米', '万':
			n.unit = string(c)
			n.last = j + 1
		}
	}
}

// after reads what follows a figure: 以上, 以下, a range, 左右, 的 …
func (s *sentence) after(n *number) {
	r := s.r
	j := skipSpaces(r, n.last)
	if j < len(r) && r[j] == '及' {
		j++
	}
	switch string(r[j:min(len(r), j+2)]) {
	case "以上":
		n.op, n.last = opGE, j+2
	case "以下", "以内", "之内":
		n.op, n.last = opLE, j+2
	}
	k := n.last
	if k < len(r) {
		switch r[k] {
		case '—', '－', '-', '~', '～', '至', '到', '–':
			if m := skipSpaces(r, k+1); m < len(r) && isDigit(r[m]) {
				n.skip = true // a range: 2021—2035年, 95%~98%
			}
		case '左', '余', '多', '许', '上':
			if string(r[k:min(len(r), k+2)]) == "左右" || r[k] == '余' || r[k] == '多' || r[k] == '许' ||
				string(r[k:min(len(r), k+2)]) == "上下" {
				n.skip = true // an approximation
			}
		case '的':
			n.adjective = true
		}
	}
	if n.unit == "年" && len(n.digits) == 4 {
		if y, err := strconv.Atoi(n.digits); err == nil && y >= 1900 && y <= 2100 {
			n.year = y
		}
	}
}

// beforeSkip are the words just before a figure that make it no claim about a quantity: an
// ordinal (第3条, 表2), a rate in a rule (每12个班), a starting value (从97.5%提高到…), an
// approximation (约、近) or a change (提高2个百分点, 增长12%).
var beforeSkip = []string{
	"第", "表", "图", "附件", "编号", "每", "从", "由", "约", "大约", "近", "将近", "接近", "逾", "前",
	"增长", "增加", "提高", "提升", "下降", "降低", "减少", "上升", "增幅", "降幅", "缩小", "扩大", "新增", "减", "增",
	"增长了", "增加了", "提高了", "提升了", "下降了", "降低了", "减少了", "上升了", "缩小了", "扩大了",
	"高出", "低出", "多出", "少了", "多了", "相差", "差距", "差",
}

// thresholdWords before a figure say it is the standard's number, not the county's:
// 上限0.50, 标准为85%, 要求的85%.
var thresholdWords = []string{"标准", "上限", "下限", "要求", "规定", "目标", "底线", "红线", "控制线", "定额标准"}

// ops are the words before a figure that make its claim an inequality, longest first.
var ops = []struct{ word, op string }{
	{"没有达到", opLT}, {"未达到", opLT}, {"不低于", opGE}, {"不少于", opGE}, {"不小于", opGE},
	{"不高于", opLE}, {"不超过", opLE}, {"不大于", opLE}, {"不多于", opLE},
	{"未达", opLT}, {"不足", opLT}, {"不到", opLT}, {"未满", opLT},
	{"超过", opGT}, {"高于", opGT}, {"大于", opGT}, {"多于", opGT},
	{"低于", opLT}, {"少于", opLT}, {"小于", opLT},
	{"至少", opGE}, {"最少", opGE}, {"最多", opLE}, {"至多", opLE},
}

// quantifiers before an inequality make it about every candidate: 均不高于0.50.
var quantifiers = []string{"均", "都", "全部", "全都", "一律", "各项均", "全部都"}

// context reads the words before a figure in its clause.
func (s *sentence) context(n *number) {
	start := s.clauseStart(n.start)
	before := strings.TrimRight(string(s.r[start:n.start]), " ")
	if strings.HasSuffix(before, "百分之") {
		before = strings.TrimSuffix(before, "百分之")
		if n.unit == "" {
			n.unit = unitPercent
		}
	}
	if n.start > 0 && (s.r[n.start-1] == '—' || s.r[n.start-1] == '-' || s.r[n.start-1] == '～' || s.r[n.start-1] == '~' ||
		s.r[n.start-1] == '－' || s.r[n.start-1] == '–') && n.start > 1 {
		// the second half of a range (2021—2035年) or a date (2025-10-15)
		if p := s.r[n.start-2]; isDigit(p) || p == '%' || p == '年' || p == '元' || p == '人' {
			n.skip = true
		}
	}
	core := strings.TrimRight(before, "为是达：: ")
	for _, w := range beforeSkip {
		if strings.HasSuffix(before, w) || strings.HasSuffix(core, w) {
			n.skip = true
		}
	}
	for _, o := range ops {
		if strings.HasSuffix(before, o.word) {
			if n.op == opEq {
				n.op = o.op
			}
			before = strings.TrimSuffix(before, o.word)
			break
		}
	}
	for _, q := range quantifiers {
		if strings.HasSuffix(before, q) {
			n.all = true
			before = strings.TrimSuffix(before, q)
			break
		}
	}
	for _, w := range []string{"高", "低", "多", "少"} {
		// 比标准高1.87人: a difference (最高为, 最多 are not)
		if strings.HasSuffix(core, w) && !strings.HasSuffix(core, "最"+w) && strings.Contains(before, "比") {
			n.skip = true
		}
	}
	if strings.HasSuffix(before, "的") && !strings.Contains(before, "占") {
		n.skip = true // 不低于交流轮岗教师总数的20%: a share of something, not a figure of it
	}
	b := strings.TrimRight(before, "为是：:的 ")
	for _, w := range thresholdWords {
		if strings.HasSuffix(b, w) {
			n.skip = true
		}
	}
}

// listed reports whether the words between two figures only list them: "、", "和".
func listed(between []rune) bool {
	t := strings.TrimSpace(string(between))
	return t == "、" || t == "和" || t == "与" || t == "及" || t == ","
}

// chineseDigits are the numerals of a percentage written in words: 百分之九十八点二.
var chineseDigits = map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7,
	'八': 8, '九': 9}

// readChinesePercent reads 百分之九十八, 百分之九十八点二 or 百分之百 at r[i] as 98, 98.2, 100 %.
func (s *sentence) readChinesePercent(i int) (number, bool) {
	r := s.r
	if string(r[i:min(len(r), i+3)]) != "百分之" {
		return number{}, false
	}
	j := i + 3
	value, digit, seen := 0, -1, false
	for ; j < len(r); j++ {
		if d, ok := chineseDigits[r[j]]; ok {
			digit, seen = d, true
			continue
		}
		place := map[rune]int{'十': 10, '百': 100}[r[j]]
		if place == 0 {
			break
		}
		if digit < 0 {
			digit = 1 // 十五, 百
		}
		value += digit * place
		digit, seen = -1, true
	}
	if !seen {
		return number{}, false
	}
	if digit > 0 {
		value += digit
	}
	digits := strconv.Itoa(value)
	if j+1 < len(r) && r[j] == '点' {
		if _, ok := chineseDigits[r[j+1]]; ok {
			digits += "."
			for j++; j < len(r); j++ {
				d, ok := chineseDigits[r[j]]
				if !ok {
					break
				}
				digits += strconv.Itoa(d)
			}
		}
	}
	n := number{start: i, end: j, last: j, digits: digits, unit: unitPercent, op: opEq}
	s.after(&n)
	return n, true
}
