package data

import (
	"fmt"
	"maps"
	"math"
	"os"
	"slices"

	"github.com/BurntSushi/toml"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/standard"
	"github.com/youjun-edu/youjun/internal/tomlfile"
)

// Figures are the county-level figures of data/county.toml: one table per item ([G8], [Q1], …)
// holding the inputs the profile declares for it, plus [county] for the county's own facts.
type Figures struct {
	File               string
	ResidentPopulation Number // 常住人口, for the survey's sample size
	Entries            map[string]*Entry
}

// Entry holds what the county entered for one item.
type Entry struct {
	Line     int // line of the [ID] header
	Bools    map[string]bool
	Numbers  map[string]float64
	Evidence string // 佐证材料 or an explanation, shown in the report
	Note     string
	// A scored (B) item: the self-assessed score of each evaluation point, and the evidence of
	// each point when given as a list.
	Scores        []float64
	PointEvidence []string
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
	{Key: "respondents", Type: "number", Label: "有效问卷数"},
	{Key: "approving", Type: "number", Label: "认可（满意）问卷数"},
	{Key: "parents", Type: "number", Label: "其中家长问卷数"},
}

var countyKeys = []standard.Input{
	{Key: "resident_population", Type: "number", Label: "常住人口（人）"},
}

// LoadFigures reads data/county.toml, checking every key against the profile's inputs.
func LoadFigures(path, name string, p *standard.Profile) (*Figures, diag.List) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, diag.List{{File: name, Message: "无法读取：" + err.Error()}}
	}
	return ParseFigures(src, name, p)
}

// ParseFigures parses the text of data/county.toml.
func ParseFigures(src []byte, name string, p *standard.Profile) (*Figures, diag.List) {
	raw, probs := tomlfile.DecodeMap(name, src)
	if len(probs) > 0 {
		return nil, probs
	}
	f := &Figures{File: name, Entries: map[string]*Entry{}}
	text := string(src)
	tables := []string{"county"}
	for _, it := range p.Items {
		tables = append(tables, it.ID)
	}
	for _, id := range slices.Sorted(maps.Keys(raw)) {
		table, ok := raw[id].(map[string]any)
		if !ok {
			probs = append(probs, diag.Problem{File: name, Line: tomlfile.LineOf(text, toml.Key{id}), Column: id,
				Message: "应写成表头 [" + id + "]，其下逐行填写各项"})
			continue
		}
		if id == "county" {
			e := readEntry(name, text, id, table, countyKeys, &probs)
			if v, ok := e.Numbers["resident_population"]; ok {
				f.ResidentPopulation = Num(v)
			}
			continue
		}
		it, ok := p.Item(id)
		if !ok {
			probs = append(probs, tomlfile.UnknownKey(name, text, toml.Key{id}, tables))
			continue
		}
		inputs := it.Inputs
		if it.Rule == "survey" {
			inputs = surveyKeys
		}
		if it.Kind == "B" {
			f.Entries[id] = readScores(name, text, it, table, &probs)
			continue
		}
		f.Entries[id] = readEntry(name, text, id, table, inputs, &probs)
	}
	if probs.Err() != nil {
		return nil, probs
	}
	return f, probs
}

func readEntry(file, text, id string, table map[string]any, inputs []standard.Input, probs *diag.List) *Entry {
	e := &Entry{Line: tomlfile.LineOf(text, toml.Key{id}), Bools: map[string]bool{}, Numbers: map[string]float64{}}
	known := []string{"evidence", "note"}
	for _, in := range inputs {
		known = append(known, in.Key)
	}
	for _, key := range slices.Sorted(maps.Keys(table)) {
		v := table[key]
		line := tomlfile.LineOf(text, toml.Key{id, key})
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
		var in *standard.Input
		for i := range inputs {
			if inputs[i].Key == key {
				in = &inputs[i]
			}
		}
		if in == nil {
			*probs = append(*probs, tomlfile.UnknownKey(file, text, toml.Key{id, key}, known))
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
			if x < 0 || math.IsNaN(x) || math.IsInf(x, 0) {
				probs.Add(file, line, col, fmt.Sprint(v), "应为不小于 0 的数字——%s", in.Label)
				continue
			}
			e.Numbers[key] = x
		}
	}
	return e
}

// readScores reads a scored item: scores = [3, 2, 2.5, 2], one per evaluation point, each
// between 0 and the point's points; evidence is a text or a list of texts, one per point.
func readScores(file, text string, it *standard.Item, table map[string]any, probs *diag.List) *Entry {
	e := &Entry{Line: tomlfile.LineOf(text, toml.Key{it.ID}), Bools: map[string]bool{}, Numbers: map[string]float64{}}
	for _, key := range slices.Sorted(maps.Keys(table)) {
		v := table[key]
		line := tomlfile.LineOf(text, toml.Key{it.ID, key})
		col := it.ID + "." + key
		switch key {
		case "scores":
			list, ok := v.([]any)
			if !ok {
				probs.Add(file, line, col, fmt.Sprint(v), "应写成得分列表，如 scores = [3, 2, 2.5, 2]")
				continue
			}
			if len(list) != len(it.Scoring) {
				probs.Add(file, line, col, "", "应有 %d 个得分（依次对应 %d 个评估要点），填了 %d 个", len(it.Scoring), len(it.Scoring), len(list))
				continue
			}
			scores := make([]float64, len(list))
			valid := true
			for i, x := range list {
				f, ok := tomlNumber(x)
				if !ok {
					probs.Add(file, line, col, fmt.Sprint(x), "第%d个得分不是数字", i+1)
					valid = false
					continue
				}
				if f < 0 || f > it.Scoring[i].Points || math.IsNaN(f) {
					probs.Add(file, line, col, fmt.Sprint(x), "第%d个得分应在 0 到 %v 分之间（%s）", i+1, it.Scoring[i].Points, it.Scoring[i].Label)
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
			*probs = append(*probs, tomlfile.UnknownKey(file, text, toml.Key{it.ID, key}, []string{"scores", "evidence", "note"}))
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
