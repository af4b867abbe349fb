package data

import (
	"fmt"
	"maps"
	"math"
	"slices"

	"github.com/BurntSushi/toml"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/standard"
	"github.com/youjun-edu/youjun/internal/tomlfile"
)

// Figures are the county-level figures of data/county.toml: one table per item ([G8], [Q1], …)
// holding the inputs the profile declares for it, plus [county] for the county's own facts.
type Figures struct {
	File               string
	ResidentPopulation Number // 常住人口, for the survey's sample size
	County             *Entry // [county], the county's own facts; nil when absent
	Entries            map[string]*Entry
}

// Entry holds what the county entered for one item.
type Entry struct {
	Line     int            // line of the [ID] header
	Lines    map[string]int // line of each key given, so that a finding about it can point there
	Bools    map[string]bool
	Numbers  map[string]float64
	Evidence string // 佐证材料 or an explanation, shown in the report
	Note     string
	// A scored (B) item: the self-assessed score of each evaluation point, and the evidence of
	// each point when given as a list.
	Scores        []float64
	PointEvidence []string
}

// KeyLine returns the line of key in the entry, or the line of its [ID] header when the key was
// not given; 0 for a nil entry (the table is absent).
func (e *Entry) KeyLine(key string) int {
	if e == nil {
		return 0
	}
	if l, ok := e.Lines[key]; ok {
		return l
	}
	return e.Line
}

// Entry returns the figures entered for item id, or nil.
func (f *Figures) Entry(id string) *Entry {
	if f == nil {
		return nil
	}
	return f.Entries[id]
}

// surveyKeys are the keys of [S1] in county.toml when there is no data/survey.csv.
var surveyKeys = []standard.Input{
	{Key: "respondents", Type: "number", Unit: "份", Label: "有效问卷数"},
	{Key: "approving", Type: "number", Unit: "份", Label: "认可（满意）问卷数"},
	{Key: "parents", Type: "number", Unit: "份", Label: "其中家长问卷数"},
}

var countyKeys = []standard.Input{
	{Key: "resident_population", Type: "number", Unit: "人", Label: "常住人口（人）"},
	// 义务教育阶段民办学校在校生数 (事业统计): with none of the table's schools 民办, the table
	// lacks schools that R1–R7 must include (工作规程 附件3 (二)).
	{Key: "private_students", Type: "number", Unit: "人", Label: "义务教育阶段民办学校在校生数（人）"},
	// 认定年份: the year the county is (to be) recognised; a school relying on a relaxation of
	// 工作规程 附件3 must meet the standard within three years of it.
	{Key: "recognition_year", Type: "number", Unit: "年", Label: "优质均衡认定（申报）年份"},
}

// LoadFigures reads data/county.toml, checking every key against the profile's inputs.
func LoadFigures(path, name string, p *standard.Profile) (*Figures, diag.List) {
	src, err := tomlfile.ReadFile(path)
	if err != nil {
		return nil, diag.List{{File: name, Message: "无法读取：" + diag.SysError(err)}}
	}
	return ParseFigures(src, name, p)
}

// ParseFigures parses the text of data/county.toml. Every number must be plausible for its
// unit (see standard.Input.Bounds), and a part may not exceed its whole (rotated teachers ≤
// eligible teachers): such a number would otherwise become a verdict such as 达到 "250%".
func ParseFigures(src []byte, name string, p *standard.Profile) (*Figures, diag.List) {
	raw, probs := tomlfile.DecodeMap(name, src)
	if len(probs) > 0 {
		return nil, probs
	}
	f := &Figures{File: name, Entries: map[string]*Entry{}}
	lines := tomlfile.NewIndex(string(src))
	tables := []string{"county"}
	for _, it := range p.Items {
		tables = append(tables, it.ID)
	}
	for _, id := range slices.Sorted(maps.Keys(raw)) {
		table, ok := raw[id].(map[string]any)
		if !ok {
			probs = append(probs, diag.Problem{File: name, Line: lines.Line(toml.Key{id}), Column: id,
				Message: "应写成表头 [" + id + "]，其下逐行填写各项"})
			continue
		}
		if id == "county" {
			e := readEntry(name, lines, &standard.Item{ID: id, Inputs: countyKeys}, table, &probs)
			f.County = e
			if v, ok := e.Numbers["resident_population"]; ok {
				f.ResidentPopulation = Num(v)
			}
			continue
		}
		it, ok := p.Item(id)
		if !ok {
			probs = append(probs, lines.UnknownKey(name, toml.Key{id}, tables))
			continue
		}
		if it.Kind == standard.KindB {
			f.Entries[id] = readScores(name, lines, it, table, &probs)
			continue
		}
		if it.Rule == standard.RuleSurvey {
			it = &standard.Item{ID: id, Inputs: surveyKeys}
		}
		f.Entries[id] = readEntry(name, lines, it, table, &probs)
	}
	probs = tomlfile.Truncate(name, probs)
	if probs.Err() != nil {
		return nil, probs
	}
	return f, probs
}

// readEntry reads the inputs of item it from its table.
func readEntry(file string, lines tomlfile.Index, it *standard.Item, table map[string]any, probs *diag.List) *Entry {
	id := it.ID
	e := &Entry{Line: lines.Line(toml.Key{id}), Lines: map[string]int{}, Bools: map[string]bool{}, Numbers: map[string]float64{}}
	known := []string{"evidence", "note"}
	for _, in := range it.Inputs {
		known = append(known, in.Key)
	}
	for _, key := range slices.Sorted(maps.Keys(table)) {
		v := table[key]
		line := lines.Line(toml.Key{id, key})
		e.Lines[key] = line
		col := id + "." + key
		switch key {
		case "evidence", "note":
			s, ok := v.(string)
			if !ok {
				probs.Add(file, line, col, "", "应为带引号的文字")
				continue
			}
			if key == "evidence" {
				e.Evidence = s
			} else {
				e.Note = s
			}
			continue
		}
		in, ok := it.Input(key)
		if !ok {
			*probs = append(*probs, lines.UnknownKey(file, toml.Key{id, key}, known))
			continue
		}
		switch in.Type {
		case "bool":
			b, ok := v.(bool)
			if !ok {
				probs.Add(file, line, col, fmt.Sprint(v), "应填 true（是）或 false（否）——%s", in.Label)
				continue
			}
			e.Bools[key] = b
		case "number":
			x, ok := tomlNumber(v)
			if !ok {
				probs.Add(file, line, col, fmt.Sprint(v), "应填数字（不带引号和单位）——%s", in.Label)
				continue
			}
			if msg := in.Bounds().Check(x); msg != "" {
				probs.Add(file, line, col, fmt.Sprint(v), "%s——%s", msg, in.Label)
				continue
			}
			if looksLikeFraction(it, in, x) {
				probs.Warn(file, line, col, fmt.Sprint(v), "比例填百分数，是否应填 %s？——%s", num.Exact(math.Round(x*1e11)/1e9), in.Label)
			}
			e.Numbers[key] = x
		}
	}
	checkParts(file, lines, it, e, probs)
	return e
}

// looksLikeFraction reports whether a percentage x in (0, 1] was probably entered as a
// fraction (0.976 for 97.6 %): only when the profile requires at least a few percent of it,
// so that a small true rate is not questioned.
func looksLikeFraction(it *standard.Item, in standard.Input, x float64) bool {
	if !in.Bounds().Percent || x <= 0 || x > 1 {
		return false
	}
	for _, c := range it.Checks {
		if c.Key == in.Key && c.Over == "" && c.Op == ">=" && c.Value > 1 {
			return true
		}
	}
	return false
}

// checkParts reports a part larger than its whole: a percentage check of key over another
// input (rotated_teachers over eligible_teachers) compares a part with the whole it is part of.
func checkParts(file string, lines tomlfile.Index, it *standard.Item, e *Entry, probs *diag.List) {
	for _, c := range it.Checks {
		if c.Over == "" || !c.Percent {
			continue
		}
		part, ok1 := e.Numbers[c.Key]
		whole, ok2 := e.Numbers[c.Over]
		if !ok1 || !ok2 || part <= whole {
			continue
		}
		in, _ := it.Input(c.Key)
		over, _ := it.Input(c.Over)
		probs.Add(file, lines.Line(toml.Key{it.ID, c.Key}), it.ID+"."+c.Key, fmtCount(part), "%s不能大于%s（%s = %s）",
			in.Label, over.Label, c.Over, fmtCount(whole))
	}
}

// readScores reads a scored item: scores = [3, 2, 2.5, 2], one per evaluation point, each
// between 0 and the point's points; evidence is a text or a list of texts, one per point.
func readScores(file string, lines tomlfile.Index, it *standard.Item, table map[string]any, probs *diag.List) *Entry {
	e := &Entry{Line: lines.Line(toml.Key{it.ID}), Lines: map[string]int{}, Bools: map[string]bool{}, Numbers: map[string]float64{}}
	for _, key := range slices.Sorted(maps.Keys(table)) {
		v := table[key]
		line := lines.Line(toml.Key{it.ID, key})
		e.Lines[key] = line
		col := it.ID + "." + key
		switch key {
		case "scores":
			list, ok := v.([]any)
			if !ok {
				probs.Add(file, line, col, fmt.Sprint(v), "应写成得分列表，如 scores = [3, 2, 2.5, 2]")
				continue
			}
			// A wrong count does not hide the scores that are wrong themselves ([inf]).
			valid := len(list) == len(it.Scoring)
			if !valid {
				probs.Add(file, line, col, "", "应有 %d 个得分（依次对应 %d 个评估要点），填了 %d 个", len(it.Scoring), len(it.Scoring), len(list))
			}
			scores := make([]float64, len(list))
			for i, x := range list {
				f, ok := tomlNumber(x)
				if !ok {
					probs.Add(file, line, col, fmt.Sprint(x), "第%d个得分不是数字", i+1)
					valid = false
					continue
				}
				if i < len(it.Scoring) && !(f >= 0 && f <= it.Scoring[i].Points) {
					probs.Add(file, line, col, fmt.Sprint(x), "第%d个得分应在 0 到 %s 分之间（%s）", i+1, num.Plain(it.Scoring[i].Points), it.Scoring[i].Label)
					valid = false
				}
				scores[i] = f
			}
			if valid {
				e.Scores = scores
			}
		case "evidence":
			switch ev := v.(type) {
			case string:
				e.Evidence = ev
			case []any:
				for _, x := range ev {
					e.PointEvidence = append(e.PointEvidence, fmt.Sprint(x))
				}
			default:
				probs.Add(file, line, col, "", "应为文字，或每个评估要点一段文字的列表")
			}
		case "note":
			if sv, ok := v.(string); ok {
				e.Note = sv
			}
		default:
			*probs = append(*probs, lines.UnknownKey(file, toml.Key{it.ID, key}, []string{"scores", "evidence", "note"}))
		}
	}
	return e
}

// tomlNumber accepts both TOML integers (decoded as int64) and floats: a clerk writes 3 or 2.5.
func tomlNumber(v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}
