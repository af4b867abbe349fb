package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/standard"
)

// Table is an appendix table (附表) or a table a shortcode puts in the text.
type Table struct {
	ID      string // resource-primary, cv, …: the shortcode argument and the download's file name
	Name    string // what it shows, e.g. 资源配置指标全县值与差异系数
	Title   string // with its appendix number: 附表3 资源配置指标全县值与差异系数
	Columns []Column
	Rows    [][]Cell
	Notes   []string
	// Download, when set, holds the same entries in full for the CSV/XLSX downloads, where the
	// printed table abridges them to fit a page (codes, units, names shown once in a note).
	Download *Table
}

// Column is a table column.
type Column struct {
	Header  string
	Short   string // a short header for print, where the full one does not fit; "" = Header
	Numeric bool   // right-aligned; its cells carry a number for the XLSX download
}

// Cell is one cell.
type Cell struct {
	Text  string
	Value *float64 // the unrounded number, for spreadsheets
	Fail  bool     // below a threshold or not met: renderers mark it in more than colour
	Ref   string   // what it refers to: school:<code> or indicator:<id>
}

// Data is the table as the downloads give it: Download when set, else the table itself.
func (t *Table) Data() *Table {
	if t.Download != nil {
		return t.Download
	}
	return t
}

func text(s string) Cell { return Cell{Text: s} }

// numCell is a numeric cell; a number that is not finite has no value for spreadsheets and reads
// 无法计算.
func numCell(s string, v float64) Cell {
	if !finite(v) {
		return Cell{Text: eval.NotComputable}
	}
	return Cell{Text: s, Value: &v}
}

func status(s eval.Status) Cell { return Cell{Text: string(s), Fail: s == eval.NotMet} }

// Tables returns the appendix tables in report order.
func (r *Report) Tables() []*Table { return r.tableList() }

// Table returns the table with the given ID.
func (r *Report) Table(id string) (*Table, bool) {
	for _, t := range r.tableList() {
		if t.ID == id {
			return t, true
		}
	}
	return nil, false
}

// TableIDs lists the IDs of all tables.
func (r *Report) TableIDs() []string {
	tables := r.tableList()
	ids := make([]string, len(tables))
	for i, t := range tables {
		ids[i] = t.ID
	}
	return ids
}

func (r *Report) buildTables() []*Table {
	var ts []*Table
	for _, l := range standard.Levels {
		ts = append(ts, r.resourceTable(l))
	}
	ts = append(ts, r.cvTable(), r.splitTable(), r.excludedTable())
	if t := r.relaxationTable(); t != nil {
		ts = append(ts, t)
	}
	for _, d := range r.Profile.Dimensions {
		ts = append(ts, r.itemTable(d.ID, d.Name))
	}
	if t := r.surveyTable(); t != nil {
		ts = append(ts, t)
	}
	if r.res.BScores != nil {
		ts = append(ts, r.bScoresTable(), r.bPointsTable())
	}
	if len(r.res.LocalTargets) > 0 {
		ts = append(ts, r.localTargetsTable())
	}
	if t := r.planTable(); t != nil {
		ts = append(ts, t)
	}
	if t := r.planSchoolsTable(); t != nil {
		ts = append(ts, t)
	}
	for i, t := range ts {
		t.Name = t.Title
		t.Title = fmt.Sprintf("附表%d %s", i+1, t.Name)
		if d := t.Download; d != nil {
			d.ID, d.Name, d.Title = t.ID, t.Name, t.Title
		}
	}
	return ts
}

// resourceTable lists every unit of a level with its seven values.
func (r *Report) resourceTable(l standard.Level) *Table {
	lr := r.res.Resource.Of(l)
	t := &Table{ID: "resource-" + string(l), Title: l.Chinese() + "各校（校区）资源配置指标"}
	t.Columns = []Column{{Header: "学校代码"}, {Header: "学校（校区）"}, {Header: "学生数（人）", Numeric: true}}
	for _, ind := range lr.Indicators {
		std := Number(ind.Threshold) + ind.Unit
		t.Columns = append(t.Columns, Column{Header: ind.ID + " " + ind.Name + "（" + std + "）", Short: ind.ID + "\n" + std, Numeric: true})
	}
	t.Columns = append(t.Columns, Column{Header: "达标项数", Numeric: true}, Column{Header: "结论"})
	for _, u := range r.res.Units {
		if u.Level != l {
			continue
		}
		row := []Cell{text(u.Code), {Text: u.Name, Ref: "school:" + u.Code}, numCell(Count(u.Students), u.Students)}
		for k := 0; k < u.Values.Len(); k++ {
			_, v := u.Values.At(k)
			c := Cell{Text: "未填"}
			if v.Reason != "" {
				c.Text = eval.NotComputable
			}
			if v.Valid {
				c = numCell(UnitValue(v.Value), v.Value)
				c.Fail = !v.Meets
			}
			row = append(row, c)
		}
		row = append(row, numCell(strconv.Itoa(u.Met), float64(u.Met)), status(u.Status))
		t.Rows = append(t.Rows, row)
	}
	floor := num.Product(r.Profile.Resource.FloorRatio, 100)
	var names []string
	for _, ind := range lr.Indicators {
		names = append(names, ind.ID+" "+ind.Name)
	}
	t.Notes = []string{strings.Join(names, "；") + "。",
		fmt.Sprintf("括号内（印刷版为表头第二行）为标准值。每所学校至少%d项达到标准，且余项不低于标准的%s%%。标注的数值低于标准。", r.Profile.Resource.MinMet, floor)}
	return t
}

// UnitValue formats a unit's value of an indicator with two decimals.
func UnitValue(v float64) string { return Amount(eval.Opt{V: v, OK: true}) }

// cvTable lists the county values and CVs of both levels.
func (r *Report) cvTable() *Table {
	t := &Table{ID: "cv", Title: "资源配置指标全县值与差异系数",
		Columns: []Column{{Header: "学段"}, {Header: "指标"}, {Header: "标准", Numeric: true}, {Header: "全县值", Numeric: true},
			{Header: "标准差", Numeric: true}, {Header: "差异系数", Numeric: true}, {Header: "上限", Numeric: true},
			{Header: "达标学校", Numeric: true}, {Header: "判定"}}}
	for _, l := range standard.Levels {
		lr := r.res.Resource.Of(l)
		for _, ind := range lr.Indicators {
			cv := optCell(CV(ind.CV), ind.CV)
			cv.Fail = ind.CVStatus == eval.NotMet
			value := optCell(Amount(ind.Value), ind.Value)
			value.Fail = ind.ValueStatus == eval.NotMet
			// The unit goes with the indicator's name: it holds for 标准, 全县值 and 标准差.
			row := []Cell{text(l.Chinese()), {Text: ind.ID + " " + ind.Name + "（" + ind.Unit + "）", Ref: "indicator:" + ind.ID},
				numCell(Number(ind.Threshold), ind.Threshold), value, optCell(Amount(ind.Std), ind.Std), cv,
				numCell(Number(ind.CVLimit), ind.CVLimit), text(fmt.Sprintf("%d/%d", ind.UnitsMeeting, lr.Units)),
				{Text: CVStatus(ind), Fail: ind.CVStatus == eval.NotMet}}
			t.Rows = append(t.Rows, row)
		}
		t.Rows = append(t.Rows, []Cell{text(l.Chinese()), text("综合差异系数"), text(""), text(""), text(""), optCell(CV(lr.CompositeCV), lr.CompositeCV), text(""), text(""), text("（参考）")})
	}
	if r.Profile.Resource.CountyMustMeet {
		t.Notes = append(t.Notes, "按本评估标准，全县值也须达到标准；标注的全县值低于标准。")
	}
	t.Notes = append(t.Notes, "差异系数 = 标准差 ÷ 全县值，均以学生数为权重（全县值 = 各校数值按学生数加权的平均值，即各校合计 ÷ 学生总数；标准差取总体形式）。与上限相差不足0.005的标注“临界”。")
	return t
}

func optCell(s string, o eval.Opt) Cell {
	if !o.OK {
		return text(s)
	}
	return numCell(s, o.V)
}

// optNum is optCell for a number shown as Number shows it, with a unit after it: — when
// undefined, 无法计算 when it could not be computed.
func optNum(o eval.Opt, unit string) Cell {
	if s, ok := undefined(o); ok {
		return text(s)
	}
	return numCell(Number(roundShown(o.V))+unit, o.V)
}

// splitTable shows how the facilities of schools that span levels were split.
func (r *Report) splitTable() *Table {
	w := r.Profile.Resource.SplitWeight
	split := []string{"R4", "R5", "R6", "R7"}
	t := &Table{ID: "split", Title: "一贯制学校、完全中学拆分情况",
		Columns: []Column{{Header: "学校（校区）"}, {Header: "学段"}, {Header: "学生数（人）", Numeric: true}, {Header: "拆分比例", Numeric: true}}}
	for _, id := range split {
		t.Columns = append(t.Columns, Column{Header: splitHeader(r.Profile, id), Numeric: true})
	}
	for _, u := range r.res.Units {
		if !u.Split {
			continue
		}
		// The share is shown, and downloaded, as a percentage like every other share in the tables.
		row := []Cell{{Text: u.Name, Ref: "school:" + u.Code}, text(u.Level.Chinese()), numCell(Count(u.Students), u.Students),
			numCell(Percent(u.Share*100), u.Share*100)}
		for _, id := range split {
			c := text("未填")
			if v, ok := u.Values.Get(id); ok && v.Valid {
				c = numCell(UnitValue(v.Numerator), v.Numerator)
			}
			row = append(row, c)
		}
		t.Rows = append(t.Rows, row)
	}
	t.Notes = []string{fmt.Sprintf("按“小学生 : 初中生 : 高中生 = %s : %s : %s”拆分，小学部占 A×%s/(A×%s+B×%s+C×%s)，初中部占 B×%s/(…)；高中部不参与评估。教师不拆分。",
		Number(w.Primary), Number(w.Junior), Number(w.Senior), Number(w.Primary), Number(w.Primary), Number(w.Junior), Number(w.Senior), Number(w.Junior))}
	return t
}

// splitHeader names the split total behind a per-student indicator with its unit: 教学仪器设备值（元）
// for 生均教学仪器设备值 in 元, 网络多媒体教室数（间） for 每百名学生拥有网络多媒体教室数.
func splitHeader(p *standard.Profile, id string) string {
	ind, ok := p.Indicator(id)
	if !ok {
		return id
	}
	name := strings.TrimPrefix(strings.TrimPrefix(ind.Name, "每百名学生拥有"), "生均")
	if ind.Unit == "" {
		return name
	}
	return name + "（" + ind.Unit + "）"
}

func (r *Report) excludedTable() *Table {
	t := &Table{ID: "excluded", Title: "不参与资源配置评估的学校",
		Columns: []Column{{Header: "学校代码"}, {Header: "学校名称"}, {Header: "学校类型"}, {Header: "原因"}}}
	for _, e := range r.res.Excluded {
		t.Rows = append(t.Rows, []Cell{text(e.Code), {Text: e.Name, Ref: "school:" + e.Code}, text(string(e.Type)), text(e.Reason)})
	}
	return t
}

// itemTable lists the items of one dimension.
func (r *Report) itemTable(dim standard.DimensionID, name string) *Table {
	t := &Table{ID: string(dim), Title: name,
		Columns: []Column{{Header: "序号"}, {Header: "指标"}, {Header: "判定"}, {Header: "情况"}, {Header: "责任单位"}}}
	for _, it := range r.res.Items {
		if it.Dimension != dim {
			continue
		}
		st := status(it.Status)
		if dim == standard.DimVeto {
			st.Text = VetoWord(it.Status)
		}
		t.Rows = append(t.Rows, []Cell{{Text: itemNumber(it), Ref: "indicator:" + it.ID}, text(it.Name), st, text(it.Summary), text(strings.Join(it.Owners, "、"))})
	}
	return t
}

// bScoresTable lists the scored items with their points, scores and verdicts.
func (r *Report) bScoresTable() *Table {
	b := r.res.BScores
	t := &Table{ID: "b-scores", Title: "B 类指标得分",
		Columns: []Column{{Header: "序号"}, {Header: "指标"}, {Header: "满分", Numeric: true}, {Header: "得分", Numeric: true},
			{Header: "得分率", Numeric: true}, {Header: "判定"}}}
	for _, it := range r.res.Items {
		if it.Kind != standard.KindB {
			continue
		}
		score, ratio := text("未填"), text("—")
		switch {
		case it.Score != nil && it.Score.OK:
			score = numCell(Number(it.Score.V), it.Score.V)
			ratio = numCell(Percent(it.Ratio.V*100), it.Ratio.V*100)
			ratio.Fail = it.Status == eval.NotMet
		case it.Score != nil:
			score, ratio = text(eval.NotComputable), text(eval.NotComputable)
		}
		t.Rows = append(t.Rows, []Cell{{Text: itemNumber(it), Ref: "indicator:" + it.ID}, text(it.Name), numCell(Number(it.Points), it.Points), score, ratio, status(it.Status)})
	}
	total := text("—")
	if b.Total.OK {
		total = numCell(Number(b.Total.V), b.Total.V)
		total.Fail = b.Total.V < b.TotalMin
	}
	verdict := string(b.Status)
	if r.res.Grade != "" {
		verdict += "（" + r.res.Grade + "）"
	}
	t.Rows = append(t.Rows, []Cell{text("合计"), text(""), numCell("100", 100), total, text(""), {Text: verdict, Fail: b.Status == eval.NotMet}})
	var grades []string
	for _, g := range r.Profile.B.Grades {
		grades = append(grades, fmt.Sprintf("%s %s分以上", g.Name, Number(g.Min)))
	}
	t.Notes = []string{fmt.Sprintf("每项得分不低于该项分值的%s%%，且总分不低于%s分，B 类指标方为达到；等次：%s。",
		num.Product(b.ItemRatio, 100), Number(b.TotalMin), strings.Join(grades, "，"))}
	return t
}

// bPointsTable lists every evaluation point of the scored items with the county's score.
func (r *Report) bPointsTable() *Table {
	t := &Table{ID: "b-points", Title: "B 类指标评估要点自评得分",
		Columns: []Column{{Header: "指标"}, {Header: "评估要点"}, {Header: "分值", Numeric: true}, {Header: "得分", Numeric: true}, {Header: "佐证"}}}
	for _, it := range r.res.Items {
		for i, p := range it.Scoring {
			name := ""
			if i == 0 {
				name = itemNumber(it) + " " + it.Short
			}
			score := text("未填")
			if p.Score.OK {
				score = numCell(Number(p.Score.V), p.Score.V)
			}
			t.Rows = append(t.Rows, []Cell{{Text: name, Ref: "indicator:" + it.ID}, text(p.Label), numCell(Number(p.Points), p.Points), score, text(p.Evidence)})
		}
	}
	return t
}

// localTargetsTable sets the county's own targets beside the standard's verdicts.
func (r *Report) localTargetsTable() *Table {
	t := &Table{ID: "local-targets", Title: "本地创建目标",
		Columns: []Column{{Header: "指标"}, {Header: "标准", Numeric: true}, {Header: "本地目标", Numeric: true}, {Header: "本县数值", Numeric: true},
			{Header: "按标准"}, {Header: "按本地目标"}, {Header: "达到本地目标的学校", Numeric: true}}}
	for _, lt := range r.res.LocalTargets {
		name := lt.ID + " " + lt.Name
		if lt.Level != "" {
			name += "（" + standard.Level(lt.Level).Chinese() + "）"
		}
		value := optNum(lt.Value, lt.Unit)
		units := text("")
		if lt.Units > 0 {
			units = text(fmt.Sprintf("%d/%d", lt.UnitsMeeting, lt.Units))
		}
		t.Rows = append(t.Rows, []Cell{{Text: name, Ref: "indicator:" + lt.ID}, numCell(Number(lt.Standard)+lt.Unit, lt.Standard), numCell(Number(lt.Target)+lt.Unit, lt.Target),
			value, status(lt.Status), status(lt.LocalStatus), units})
	}
	t.Notes = []string{"本地创建目标是本县自定的更高目标，与评估标准并列显示，不改变按评估标准作出的结论。"}
	return t
}

func roundShown(v float64) float64 {
	f, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', 2, 64), 64)
	return f
}

// itemNumber is how an item is numbered in its profile: 8 for Hunan's numbered items, else its ID.
func itemNumber(it eval.Item) string {
	if it.Number > 0 {
		return strconv.Itoa(it.Number)
	}
	return it.ID
}

// VetoWord states a veto item's status: 无 when the requirement (its absence) holds.
func VetoWord(s eval.Status) string {
	switch s {
	case eval.Met:
		return "无"
	case eval.NotMet:
		return "存在"
	}
	return string(s)
}

func (r *Report) surveyTable() *Table {
	if r.Survey == nil {
		return nil
	}
	t := &Table{ID: "survey-groups", Title: "社会认可度调查",
		Columns: []Column{{Header: "调查对象"}, {Header: "样本数", Numeric: true}, {Header: "认可数", Numeric: true}, {Header: "认可率", Numeric: true}, {Header: "占样本比例", Numeric: true}}}
	s := r.Survey
	row := func(name string, n, a float64) []Cell {
		rate, share := text("—"), text("—")
		if n > 0 {
			rate = numCell(Percent(a/n*100), a/n*100)
		}
		if s.Samples > 0 {
			share = numCell(Percent(n/s.Samples*100), n/s.Samples*100)
		}
		return []Cell{text(name), numCell(Count(n), n), numCell(Count(a), a), rate, share}
	}
	for _, g := range s.Groups {
		t.Rows = append(t.Rows, row(g.Group, g.Samples, g.Approving))
	}
	t.Rows = append(t.Rows, row("合计", s.Samples, s.Approving))
	return t
}
