package rollup

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"

	"github.com/youjun-edu/youjun/internal/diag"
)

// codePattern is a 行政区划代码 as config accepts it.
var codePattern = regexp.MustCompile(`^[1-9][0-9]{5}$`)

// Make orders, names, ranks and counts the counties, given in input order. band is the 临界
// band of the profiles (the distance to the limit below which a CV is flagged).
func Make(title, version string, counties []County, band float64) *Rollup {
	assignIDs(counties)
	// By code, which is the official order of provinces, cities and counties; the counties
	// without one last, by province, city and name (in byte order, which is deterministic).
	slices.SortStableFunc(counties, func(a, b County) int {
		return cmp.Or(cmp.Compare(boolInt(a.Code == ""), boolInt(b.Code == "")), cmp.Compare(a.Code, b.Code),
			cmp.Compare(a.Province, b.Province), cmp.Compare(a.City, b.City), cmp.Compare(a.Name, b.Name), cmp.Compare(a.Input, b.Input))
	})
	rank(counties)
	r := &Rollup{Format: Format, Version: version, Title: title, Counties: counties, CriticalBand: band}
	r.Summary, r.Groups = groups(counties)
	return r
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// assignIDs gives each county the name of its pages: its code when the code is valid and no
// other county has it, else its place in the input, so that two packages of one county (a
// resubmission) both show.
func assignIDs(counties []County) {
	seen := map[string]int{}
	for _, c := range counties {
		seen[c.Code]++
	}
	for i := range counties {
		c := &counties[i]
		if codePattern.MatchString(c.Code) && seen[c.Code] == 1 {
			c.ID = c.Code
		} else {
			c.ID = fmt.Sprintf("%04d", i+1)
		}
	}
}

// rank numbers the evaluated counties by their largest CV relative to its limit, the most
// balanced first; equal ratios share a rank.
func rank(counties []County) {
	var idx []int
	for i, c := range counties {
		if c.Evaluated() && c.MaxCVRatio != nil {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		return cmp.Compare(*counties[a].MaxCVRatio, *counties[b].MaxCVRatio)
	})
	for k, i := range idx {
		counties[i].Rank = k + 1
		if k > 0 && *counties[idx[k-1]].MaxCVRatio == *counties[i].MaxCVRatio {
			counties[i].Rank = counties[idx[k-1]].Rank
		}
	}
}

// groups counts all counties, each province and each city, in the order the counties first
// name them.
func groups(counties []County) (Group, []Group) {
	all := Group{Kind: "all"}
	var out []Group
	index := map[[2]string]int{}
	at := func(kind, province, city string) *Group {
		key := [2]string{province, city}
		if kind == "province" {
			key = [2]string{province, "\x00"}
		}
		i, ok := index[key]
		if !ok {
			i = len(out)
			index[key] = i
			out = append(out, Group{Kind: kind, Province: province, City: city})
		}
		return &out[i]
	}
	for i := range counties {
		c := &counties[i]
		all.add(c)
		at("province", c.Province, "").add(c)
		at("city", c.Province, c.City).add(c)
	}
	return all, out
}

func (g *Group) add(c *County) {
	g.Counties++
	switch c.Verdict {
	case Met:
		g.Met++
	case NotMet:
		g.NotMet++
	case Pending:
		g.Pending++
	default:
		g.Failed++
	}
	if c.Eligibility == Met {
		g.Eligible++
	}
	if c.Critical > 0 {
		g.Critical++
	}
	if c.Verification.Status == Mismatch {
		g.Mismatched++
	}
	g.FailingSchools += c.FailingSchools
	g.Units += c.Units
}

// Published reports whether the county belongs on the 公示 list: it reaches the standard and
// its package does not contradict its re-evaluation.
func (c *County) Published() bool {
	return c.Verdict == Met && c.Verification.Status != Mismatch
}

// Published returns the counties of the 公示 list, in the rollup's order.
func (r *Rollup) Published() []County {
	var out []County
	for _, c := range r.Counties {
		if c.Published() {
			out = append(out, c)
		}
	}
	return out
}

// JSON is rollup.json: indented by two spaces, ending in a newline. Only finite numbers reach
// a County (assess turns the others into null), so marshalling cannot fail on them.
func (r *Rollup) JSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Parse reads a rollup.json (for --previous); the error is in Chinese.
func Parse(src []byte) (*Rollup, error) {
	var r Rollup
	if err := json.Unmarshal(src, &r); err != nil {
		return nil, fmt.Errorf("不是有效的 rollup.json：%s", diag.JSONError(err))
	}
	if r.Format != Format {
		return nil, fmt.Errorf("rollup.json 的格式为 %q，本版本只能读取 %q", r.Format, Format)
	}
	return &r, nil
}
