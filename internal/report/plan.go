package report

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/plan"
	"github.com/youjun-edu/youjun/internal/standard"
)

// The 整改清单 (issue 14): the plan's actions, the shortfalls that cannot be computed and the
// G3–G5 gaps, one row each, sorted by indicator (the profile's order) then school (the table's
// order). It is an appendix table like the others, so the site shows it as a page, the PDF as a
// 附表 and the downloads as data/plan.csv and data/plan.xlsx, whose columns are the ones a county
// attaches to its 实施方案.

// planRow is one entry of the 整改清单.
type planRow struct {
	order                                  int // of the indicator in the profile
	row                                    int // the school's table row
	code, school, indicator                string
	problem, now, std, gap, action, owners string
	deadline                               string
	cost                                   eval.Opt // 元
	costKnown                              bool     // the row has a cost to give (an action)
}

// SetPlan gives the report the county's 整改与创建规划; build calls it before any view is read.
// Without it the report has no 整改清单, no plan values and no plan list.
func (r *Report) SetPlan(p *plan.Plan) { r.pl = p }

// planRows returns the rows of the 整改清单, building them on first use; nil without a plan.
func (r *Report) planRows() []planRow {
	r.planOnce.Do(func() {
		r.planList = r.buildPlanRows()
		r.planAt = map[string][]int{}
		for i, pr := range r.planList {
			r.planAt[pr.code] = append(r.planAt[pr.code], i)
		}
	})
	return r.planList
}

func (r *Report) buildPlanRows() []planRow {
	p := r.pl
	if p == nil {
		return nil
	}
	order := map[string]int{}
	for _, ind := range r.Profile.Resource.Indicators {
		order[ind.ID] = len(order)
	}
	for _, it := range r.Profile.Items {
		if _, ok := order[it.ID]; !ok {
			order[it.ID] = len(order)
		}
	}
	deadline := "未设"
	if p.Year != 0 {
		deadline = strconv.Itoa(p.Year) + "年底前"
	}
	var rows []planRow
	for _, a := range p.Actions {
		pr := planRow{order: order[a.Indicator], row: a.Row, code: a.Code, school: a.Name, indicator: a.Indicator,
			action: actionText(a), owners: strings.Join(a.Owners, "、"), deadline: deadline, cost: a.Cost, costKnown: true}
		if a.Deadline != 0 {
			pr.deadline = strconv.Itoa(a.Deadline) + "年底前"
		}
		pr.gap = num.Short(a.Amount) + a.Unit
		if a.Purpose == plan.ToCV {
			r.cvRow(&pr, a)
		} else {
			r.passRow(&pr, a)
		}
		rows = append(rows, pr)
	}
	for _, u := range p.Units {
		for _, s := range u.Shortfalls {
			if s.ToThreshold.OK {
				continue
			}
			rows = append(rows, planRow{order: order[s.Indicator], row: u.Row, code: u.Code, school: u.Name + levelSuffix(u.Split, u.Level),
				indicator: s.Indicator, problem: r.indicatorShort(s.Indicator, s.Name) + "无法判断是否达标", now: eval.NotComputable, std: Number(s.Threshold) + s.ValueUnit,
				gap: eval.NotComputable, action: "补齐数据后重新计算：" + s.Reason, owners: strings.Join(s.Owners, "、"), deadline: deadline})
		}
	}
	for _, g := range p.Items {
		pr := planRow{order: order[g.Item], row: g.Row, code: g.Code, school: g.Name, indicator: g.Item, problem: itemProblem(g),
			now: g.Detail, std: "—", owners: strings.Join(g.Owners, "、"), deadline: deadline}
		if g.Level != "" {
			pr.school += "（" + g.Level.Chinese() + "）"
		}
		if g.Amount.OK {
			pr.gap = num.Short(g.Amount.V) + g.Unit
			pr.action = itemAction(g)
		} else {
			pr.gap, pr.action = eval.NotComputable, "补齐数据后重新计算："+g.Reason
		}
		rows = append(rows, pr)
	}
	slices.SortStableFunc(rows, func(a, b planRow) int {
		return cmp.Or(cmp.Compare(a.order, b.order), cmp.Compare(a.row, b.row))
	})
	return rows
}

// passRow fills in what an action making a unit pass answers: the unit's value and the standard.
func (r *Report) passRow(pr *planRow, a plan.Action) {
	var now, std []string
	name := a.Indicator
	for _, u := range r.pl.Units {
		if u.Row != a.Row || (a.Level != "" && u.Level != a.Level) {
			continue
		}
		for _, s := range u.Shortfalls {
			if s.Indicator != a.Indicator || !s.ToThreshold.OK {
				continue
			}
			name = s.Name
			lv := "" // a campus-wide addition to a split school names the level of each figure
			if u.Split && a.Level == "" {
				lv = u.Level.Chinese()
			}
			// As the school's page and the 附表 write them: the value with two decimals, the
			// standard and its floor as the profile gives them.
			now = append(now, lv+UnitValue(s.Value.V)+s.ValueUnit)
			target := s.Threshold
			if a.Purpose == plan.ToFloor {
				target = s.Floor
			}
			std = append(std, lv+Number(target)+s.ValueUnit)
		}
	}
	name = r.indicatorShort(a.Indicator, name)
	pr.problem = name + "未达到标准"
	if a.Purpose == plan.ToFloor {
		pr.problem = name + "低于标准的85%"
		if r.Profile.Resource.FloorRatio != 0 && r.Profile.Resource.FloorRatio != 0.85 {
			pr.problem = name + "低于标准的" + num.Short(r.Profile.Resource.FloorRatio*100) + "%"
		}
	}
	pr.now, pr.std = strings.Join(now, "；"), strings.Join(std, "；")
	if pr.now == "" {
		pr.now, pr.std = "—", "—"
	}
}

// cvRow fills in what an action lowering a 差异系数 answers: the CVs and their targets.
func (r *Report) cvRow(pr *planRow, a plan.Action) {
	var now, std []string
	name := a.Indicator
	for _, c := range r.pl.CVs {
		if c.Indicator != a.Indicator {
			continue
		}
		name = c.Name
		for _, l := range c.Levels {
			if !l.Needed || !l.CV.OK {
				continue
			}
			now = append(now, l.Level.Chinese()+"差异系数"+num.Fixed(l.CV.V, 3))
			std = append(std, l.Level.Chinese()+"低于"+num.Short(l.Target)+"（上限"+num.Short(l.Limit)+"）")
		}
	}
	if len(std) == 1 {
		_, std[0], _ = strings.Cut(std[0], "低于")
		std[0] = "低于" + std[0]
	}
	pr.problem = r.indicatorShort(a.Indicator, name) + "差异系数超过或接近上限"
	pr.now, pr.std = strings.Join(now, "；"), strings.Join(std, "；")
	if pr.now == "" {
		pr.now, pr.std = "—", "—"
	}
}

// indicatorShort is the short name of a resource indicator (生均体育运动场馆), or name.
func (r *Report) indicatorShort(id, name string) string {
	for _, ind := range r.Profile.Resource.Indicators {
		if ind.ID == id && ind.Short != "" {
			return ind.Short
		}
	}
	return name
}

func levelSuffix(split bool, l standard.Level) string {
	if split {
		return "（" + l.Chinese() + "）"
	}
	return ""
}

// actionText says what an action does: 增加小学教师2人, 新建教学及辅助用房120平方米.
func actionText(a plan.Action) string {
	amt := num.Short(a.Amount) + a.Unit
	switch a.Kind {
	case plan.Teachers:
		lv := ""
		if a.Level != "" {
			lv = a.Level.Chinese()
		}
		return "增加" + lv + "教师" + amt
	case plan.Building, plan.Sports:
		return "新建或改扩建" + a.Kind.Chinese() + amt
	case plan.Equipment:
		return "购置" + a.Kind.Chinese() + amt
	case plan.Rooms:
		return "建设" + a.Kind.Chinese() + amt
	}
	return "增加" + amt
}

// itemProblem names a G3–G5 gap: 音乐专用教室面积不足, 学校规模超过上限, 班额超过上限. eval's finding,
// which states the school's figures and the standard, is the row's 现状.
func itemProblem(g plan.ItemGap) string {
	if !g.Amount.OK {
		return g.What + "无法判断是否达到要求"
	}
	switch g.What {
	case "在校生":
		return "学校规模超过上限"
	case "最大班额":
		return "班额超过上限"
	}
	return g.What + "不足"
}

// itemAction says what closes a G3–G5 gap.
func itemAction(g plan.ItemGap) string {
	amt := num.Short(g.Amount.V) + g.Unit
	switch g.What {
	case "在校生":
		return "控制学校规模，减少在校生" + amt
	case "最大班额":
		return "消除大班额，最大班额减少" + amt
	}
	if g.Unit == "间" {
		return "新建" + g.What + amt
	}
	return "补足" + g.What + amt
}

// wan formats a cost in 元 as 万元 with two decimals.
func wan(o eval.Opt) string { return num.Grouped(o.V/10000, 2) }

// nowStd is the printed table's 现状／标准, or the 现状 alone when it states the standard too.
func (pr *planRow) nowStd() string {
	if pr.std == "—" {
		return pr.now
	}
	return pr.now + "／" + pr.std
}

// costCell is the 估算资金 of a row in 万元.
func (pr *planRow) costCell() Cell {
	switch {
	case !pr.costKnown:
		return text("—")
	case !pr.cost.OK:
		return text("单价未设")
	}
	return numCell(wan(pr.cost), pr.cost.V/10000)
}

// planTable is the 整改清单 as an appendix table, or nil without a plan.
func (r *Report) planTable() *Table {
	if r.pl == nil {
		return nil
	}
	rows := r.planRows()
	t := &Table{ID: "plan", Title: "整改清单",
		Columns: []Column{{Header: "序号", Numeric: true}, {Header: "学校（校区）"}, {Header: "指标"}, {Header: "问题"},
			{Header: "现状／标准"}, {Header: "措施"}, {Header: "责任单位"}, {Header: "估算资金（万元）", Short: "估算资金\n（万元）", Numeric: true}}}
	full := &Table{Columns: []Column{{Header: "序号", Numeric: true}, {Header: "问题"}, {Header: "学校"}, {Header: "指标"},
		{Header: "现状"}, {Header: "标准"}, {Header: "差额"}, {Header: "措施"}, {Header: "责任单位"}, {Header: "完成时限"},
		{Header: "估算资金", Numeric: true}}}
	t.Download = full
	for i, pr := range rows {
		n := numCell(strconv.Itoa(i+1), float64(i+1))
		school := Cell{Text: pr.school, Ref: "school:" + pr.code}
		ind := Cell{Text: pr.indicator, Ref: "indicator:" + pr.indicator}
		fail := pr.gap == eval.NotComputable
		t.Rows = append(t.Rows, []Cell{n, school, ind, {Text: pr.problem, Fail: fail}, text(pr.nowStd()),
			text(pr.action), text(pr.owners), pr.costCell()})
		full.Rows = append(full.Rows, []Cell{n, text(pr.problem), school, ind, text(pr.now), text(pr.std),
			{Text: pr.gap, Fail: fail}, text(pr.action), text(pr.owners), text(pr.deadline), pr.costCell()})
	}
	notes := []string{r.planTotalsNote()}
	if len(rows) == 0 {
		notes = []string{"各校各项指标均达到标准，差异系数均低于上限减余量，无需整改。"}
	}
	deadline := "完成时限：未设（在 site.toml 的 [plan] target_year 中设置）。"
	if r.pl.Year != 0 {
		deadline = fmt.Sprintf("完成时限：%d年底前。", r.pl.Year)
	}
	method := "措施按最省的方式使每个未达标学校（校区）达标，再按使差异系数降到“上限 − " + num.Short(r.pl.Margin) +
		"”以下所需的最少增量安排；一贯制学校按拆分规则折算为全校应增加的数量。无法计算的项目不按达标计，须补齐数据后重新计算。"
	t.Notes = append(notes, deadline, method)
	full.Notes = append(append([]string(nil), notes...), "估算资金单位为万元。", method)
	if len(rows) == 0 { // the deadline and the method of nothing say nothing
		t.Notes, full.Notes = notes, notes
	}
	return t
}

// planTotalsNote adds up the plan's actions: 合计：教师N人……；估算资金N万元.
func (r *Report) planTotalsNote() string {
	tot := r.pl.Totals
	var parts []string
	for _, x := range []struct {
		v    float64
		what string
	}{{tot.Teachers, "教师%s人"}, {tot.Building, "教学及辅助用房%s平方米"}, {tot.Sports, "体育运动场馆%s平方米"},
		{tot.Equipment, "教学仪器设备%s万元"}, {tot.Rooms, "网络多媒体教室%s间"}} {
		if x.v != 0 {
			parts = append(parts, fmt.Sprintf(x.what, num.Grouped(x.v, decimalsOf(x.v))))
		}
	}
	s := "合计：" + strings.Join(parts, "，")
	if len(parts) == 0 {
		s = "合计：无须增加配置"
	}
	if tot.Cost.OK {
		s += "；估算资金" + wan(tot.Cost) + "万元。"
	} else {
		s += "；部分单价未设（site.toml 的 [plan]），估算资金不全，相应措施只列数量。"
	}
	return s
}

// decimalsOf is 0 for a whole number, else 1 or 2: totals are sums of whole teachers and rooms,
// and of m² and 万元 in the plan's steps.
func decimalsOf(x float64) int {
	switch {
	case x == float64(int64(x)):
		return 0
	case x*10 == float64(int64(x*10)):
		return 1
	}
	return 2
}

// planValues adds the plan's figures to the values shortcodes cite: plan.total.teachers …
func (r *Report) planValues(v map[string]string) {
	p := r.pl
	if p == nil {
		return
	}
	tot := p.Totals
	v["plan.total.teachers"] = num.Grouped(tot.Teachers, 0)
	v["plan.total.building_area"] = num.Grouped(tot.Building, decimalsOf(tot.Building))
	v["plan.total.sports_area"] = num.Grouped(tot.Sports, decimalsOf(tot.Sports))
	v["plan.total.equipment"] = num.Grouped(tot.Equipment, decimalsOf(tot.Equipment))
	v["plan.total.rooms"] = num.Grouped(tot.Rooms, 0)
	v["plan.total.cost"] = "单价未设，无法估算"
	if tot.Cost.OK {
		v["plan.total.cost"] = wan(tot.Cost)
	}
	v["plan.actions"] = strconv.Itoa(len(p.Actions))
	schools := map[string]bool{}
	for _, a := range p.Actions {
		schools[a.Code] = true
	}
	v["plan.schools"] = strconv.Itoa(len(schools))
	v["plan.year"] = "未设"
	if p.Year != 0 {
		v["plan.year"] = strconv.Itoa(p.Year)
	}
}

// planItems lists the 整改清单 one school at a time (the list "plan"): "示例县第一小学：增加小学教师2人（R1）、
// ……；估算资金12.00万元". Entries that cannot be computed say so.
func (r *Report) planItems() []Item {
	var out []Item
	for _, s := range r.planBySchool() {
		out = append(out, Item{Text: s.name + "：" + s.text, Ref: "school:" + s.code})
	}
	return out
}

type schoolPlan struct{ code, name, text string }

// planBySchool groups the 整改清单 by school, in the table's order.
func (r *Report) planBySchool() []schoolPlan {
	rows := slices.Clone(r.planRows())
	slices.SortStableFunc(rows, func(a, b planRow) int { return cmp.Compare(a.row, b.row) })
	var out []schoolPlan
	for i := 0; i < len(rows); {
		j := i
		var parts []string
		cost, costed, any := 0.0, true, false
		for ; j < len(rows) && rows[j].row == rows[i].row; j++ {
			pr := rows[j]
			parts = append(parts, pr.action+"（"+pr.indicator+"）")
			if pr.costKnown {
				any = true
				if pr.cost.OK {
					cost += pr.cost.V
				} else {
					costed = false
				}
			}
		}
		s := strings.Join(parts, "；")
		if any && costed {
			s += "；估算资金" + wan(eval.Opt{V: cost, OK: true}) + "万元"
		}
		out = append(out, schoolPlan{code: rows[i].code, name: rows[i].schoolName(), text: s})
		i = j
	}
	return out
}

// schoolName is the row's school without a level suffix.
func (pr planRow) schoolName() string {
	if i := strings.Index(pr.school, "（"); i > 0 {
		return pr.school[:i]
	}
	return pr.school
}

// schoolPlanItems are the school's own entries of the 整改清单, for its page.
func (r *Report) schoolPlanItems(code string) []Item {
	var out []Item
	rows := r.planRows()
	for _, i := range r.planAt[code] {
		pr := rows[i]
		s := pr.indicator + " " + pr.problem
		switch {
		case pr.now == "—" || pr.now == eval.NotComputable:
		case pr.std == "—": // eval's finding, which states the standard
			s += "（" + pr.now + "）"
		default:
			s += "（现状" + pr.now + "，须达到" + pr.std + "）"
		}
		s += "：" + pr.action
		if pr.costKnown && pr.cost.OK {
			s += "，估算资金" + wan(pr.cost) + "万元"
		}
		out = append(out, Item{Text: s, Ref: "table:plan"})
	}
	return out
}

// planSchoolsTable adds up the 整改清单 by school: what each school receives of each kind and
// its 估算资金, with the county's totals in the last row; nil without a plan or without actions.
func (r *Report) planSchoolsTable() *Table {
	p := r.pl
	if p == nil || len(p.Actions) == 0 {
		return nil // nothing to add up: a table of one 合计 row of zeros says nothing
	}
	tot := p.Totals
	// Only the kinds the plan adds get a column: a table of empty columns does not fit a page.
	var kinds []plan.Kind
	var totals []float64
	for _, k := range []struct {
		kind plan.Kind
		v    float64
	}{{plan.Teachers, tot.Teachers}, {plan.Building, tot.Building}, {plan.Sports, tot.Sports}, {plan.Equipment, tot.Equipment}, {plan.Rooms, tot.Rooms}} {
		if k.v != 0 {
			kinds, totals = append(kinds, k.kind), append(totals, k.v)
		}
	}
	t := &Table{ID: "plan-schools", Title: "整改清单（按学校汇总）", Columns: []Column{{Header: "学校代码"}, {Header: "学校（校区）"}}}
	for _, k := range kinds {
		h := k.Chinese() + "（" + k.Unit() + "）"
		t.Columns = append(t.Columns, Column{Header: h, Short: k.Chinese() + "\n（" + k.Unit() + "）", Numeric: true})
	}
	t.Columns = append(t.Columns, Column{Header: "估算资金（万元）", Short: "估算资金\n（万元）", Numeric: true})
	type sum struct {
		code, name string
		row        int
		amount     map[plan.Kind]float64
		cost       eval.Opt
	}
	var sums []*sum
	at := map[string]*sum{}
	for _, a := range p.Actions {
		s := at[a.Code]
		if s == nil {
			s = &sum{code: a.Code, name: a.Name, row: a.Row, amount: map[plan.Kind]float64{}, cost: eval.Opt{OK: true}}
			at[a.Code] = s
			sums = append(sums, s)
		}
		s.amount[a.Kind] += a.Amount
		s.cost.V += a.Cost.V
		s.cost.OK = s.cost.OK && a.Cost.OK
	}
	slices.SortStableFunc(sums, func(a, b *sum) int { return cmp.Compare(a.row, b.row) })
	cell := func(x float64) Cell {
		if x == 0 {
			return text("")
		}
		x = float64(int64(x*100+0.5)) / 100 // sums of 0.1 万元 and whole m², without float noise
		return numCell(num.Grouped(x, decimalsOf(x)), x)
	}
	costCell := func(o eval.Opt) Cell {
		if !o.OK {
			return text("单价未设")
		}
		return numCell(wan(o), o.V/10000)
	}
	for _, s := range sums {
		row := []Cell{text(s.code), {Text: s.name, Ref: "school:" + s.code}}
		for _, k := range kinds {
			row = append(row, cell(s.amount[k]))
		}
		t.Rows = append(t.Rows, append(row, costCell(s.cost)))
	}
	row := []Cell{text("合计"), text(fmt.Sprintf("%d所", len(sums)))}
	for _, x := range totals {
		row = append(row, cell(x))
	}
	t.Rows = append(t.Rows, append(row, costCell(tot.Cost)))
	t.Notes = []string{"各校措施见整改清单；G3–G5（专用教室、学校规模、班额）的差额和无法计算的项目不计入本表。" +
		"估算资金按 site.toml 的 [plan] 单价计算，含单价未设措施的学校只列数量。"}
	return t
}

// schoolShortfalls are what the school lacks on each indicator below its standard, passing or
// not, for its page: "小学部 R5 生均体育运动场馆面积：现状6.10平方米，距标准的85%（6.375平方米）差
// 73平方米，距标准（7.5平方米）差402平方米（全校增加）". A value that cannot be computed says why.
func (r *Report) schoolShortfalls(code string) []Item {
	if r.pl == nil {
		return nil
	}
	var out []Item
	for _, u := range r.pl.Units {
		if u.Code != code {
			continue
		}
		lv := ""
		if u.Split {
			lv = u.Level.Chinese() + "部 "
		}
		for _, s := range u.Shortfalls {
			head := lv + s.Indicator + " " + r.indicatorShort(s.Indicator, s.Name) + "："
			if !s.ToThreshold.OK {
				out = append(out, Item{Text: head + "无法计算（" + s.Reason + "）", Ref: "table:plan"})
				continue
			}
			if s.ToThreshold.V <= 0 {
				continue
			}
			t := head + "现状" + UnitValue(s.Value.V) + s.ValueUnit
			if s.ToFloor.OK && s.ToFloor.V > 0 {
				t += "，距标准的" + num.Product(r.floorRatio(), 100) + "%（" + Number(s.Floor) + s.ValueUnit + "）差" + num.Short(s.ToFloor.V) + s.Unit
			}
			t += "，距标准（" + Number(s.Threshold) + s.ValueUnit + "）差" + num.Short(s.ToThreshold.V) + s.Unit
			if u.Split && s.Kind != plan.Teachers {
				t += "（全校增加）"
			}
			out = append(out, Item{Text: t, Ref: "table:plan"})
		}
	}
	return out
}

// floorRatio is the profile's share of the standard that is the floor, 0.85 unless it says.
func (r *Report) floorRatio() float64 {
	if f := r.Profile.Resource.FloorRatio; f != 0 {
		return f
	}
	return 0.85
}
