package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/rivo/uniseg"

	"github.com/youjun-edu/youjun/internal/config"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/num"
	"github.com/youjun-edu/youjun/internal/plan"
	"github.com/youjun-edu/youjun/internal/scenario"
	"github.com/youjun-edu/youjun/internal/site"
	"github.com/youjun-edu/youjun/internal/standard"
)

func cmdPlan(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("plan", `youjun plan [--site 目录] [--json]

整改与创建规划：每所学校每项资源配置指标距标准的 85% 和标准还差多少（教师按人、面积按平方米、
设备按万元、多媒体教室按间，一贯制学校按拆分规则折算为全校应增加的数量），每个未达标学校最省的
达标方案，音乐美术专用教室、学校规模和班额的差额，以及使每项超过上限或接近上限的差异系数降到
“上限 − 余量”所需的最少增量，附估算资金、责任单位和完成时限。单价、余量和完成年份在 site.toml
的 [plan] 中设置。有 data/plan/ 文件夹（规划项目、新建学校、学生预测）时，另列各年度项目实施后
全县的评估结论、各学段达标校数和各项差异系数。`)
	dir := fs.String("site", ".", "站点`目录`（含 site.toml），默认为当前目录")
	asJSON := fs.Bool("json", false, "输出 JSON（机器可读）而不是文字摘要")
	if code, stop := fs.parse(args, stdout, stderr); stop {
		return code
	}
	s, probs := site.Load(*dir, "")
	if printProblems(stderr, probs) {
		return exitError
	}
	res := s.Evaluate()
	p := plan.Make(plan.Input{Profile: s.Profile, County: s.County, Result: res, Options: planOptions(s.Config)})
	years, ok := scenarioYears(s, stderr)
	if !ok {
		return exitError
	}
	if *asJSON {
		out, err := planJSON(p, years)
		if err != nil {
			fmt.Fprintln(stderr, "无法输出 JSON：规划中有无法表示的数值，请把此信息报告给开发者")
			return exitError
		}
		stdout.Write(out)
		return exitOK
	}
	w := bufio.NewWriterSize(stdout, 64<<10)
	writePlan(w, p, s.Profile, s.Config)
	if years != nil {
		fmt.Fprintf(w, "\n六、规划项目实施后各年度评估（%s/）\n", scenario.Dir)
		writeYears(w, years, res)
	}
	if w.Flush() != nil {
		return exitError
	}
	return exitOK
}

// scenarioYears reads data/plan/ and evaluates the county after each year's projects: nil when
// there is no data/plan/; false when its files or projects have errors, all of them printed.
func scenarioYears(s *site.Site, stderr io.Writer) ([]plan.YearVerdict, bool) {
	sc, probs := scenario.Load(s.Dir)
	if sc == nil {
		return nil, !printProblems(stderr, probs)
	}
	years, bad := plan.Years(s.Profile, s.County, s.Config.Year, sc)
	probs = append(probs, scenario.Problems(bad)...)
	if printProblems(stderr, probs) {
		return nil, false
	}
	if years == nil {
		years = []plan.YearVerdict{}
	}
	return years, true
}

// planJSON is the plan's JSON with, when data/plan/ exists, the verdict of each year.
func planJSON(p *plan.Plan, years []plan.YearVerdict) ([]byte, error) {
	if years == nil {
		return p.JSON()
	}
	out, err := json.MarshalIndent(struct {
		*plan.Plan
		Years []plan.YearVerdict `json:"years"`
	}{p, years}, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

// writeYears writes the verdict of each year after its projects, against the county now.
func writeYears(w io.Writer, years []plan.YearVerdict, now *eval.Result) {
	if len(years) == 0 {
		fmt.Fprintln(w, "  没有规划项目。")
		return
	}
	fmt.Fprintf(w, "  现状（评估年度）：%s\n", now.Conclusion)
	for _, y := range years {
		what := fmt.Sprintf("%d个项目", y.Projects)
		if y.Projected > 0 {
			what += fmt.Sprintf("，%d所学校的学生预测", y.Projected)
		}
		fmt.Fprintf(w, "\n  %d年（%s）实施后：%s\n", y.Year, what, y.Conclusion)
		for _, l := range y.Levels {
			fmt.Fprintf(w, "    %s：%s，%d个校（校区）中%d个达到资源配置要求\n", l.Level.Chinese(), l.Status, l.Units, l.UnitsPassing)
			var parts []string
			for _, c := range l.CVs {
				cv := "无法计算"
				if c.CV.OK {
					cv = num.Fixed(c.CV.V, 4)
				}
				parts = append(parts, fmt.Sprintf("%s %s（上限%s，%s）", c.Indicator, cv, num.Short(c.Limit), c.Status))
			}
			fmt.Fprintf(w, "      差异系数：%s\n", strings.Join(parts, "；"))
		}
	}
}

// planOptions reads site.toml's [plan].
func planOptions(c *config.Config) plan.Options { return site.PlanOptions(c) }

// writePlan writes the plan for the terminal: per indicator, per school, then the totals.
func writePlan(w io.Writer, p *plan.Plan, prof *standard.Profile, c *config.Config) {
	year := ""
	if c.Year != 0 {
		year = fmt.Sprintf("，%d年度", c.Year)
	}
	fmt.Fprintf(w, "%s 整改与创建规划（%s %s%s）\n\n", c.County, prof.Name, prof.ID, year)
	deadline := "未设（在 site.toml 的 [plan] target_year 中设置）"
	if p.Year != 0 {
		deadline = fmt.Sprintf("%d年底前", p.Year)
	}
	fmt.Fprintf(w, "完成时限：%s\n", deadline)
	fmt.Fprintf(w, "差异系数余量：%s（差异系数不低于“上限 − %s”的列入规划，目标为低于该值）\n", num.Short(p.Margin), num.Short(p.Margin))
	if !p.Costed {
		fmt.Fprintln(w, "估算资金：部分单价未设，相应措施只列数量（在 site.toml 的 [plan] 中设置 building_cost、sports_cost、teacher_cost、room_cost）")
	}

	fmt.Fprintf(w, "\n一、各校资源配置差额\n")
	writeShortfalls(w, p, prof)
	fmt.Fprintf(w, "\n二、差异系数\n")
	writeCVs(w, p)
	fmt.Fprintf(w, "\n三、专用教室、学校规模和班额\n")
	if len(p.Items) == 0 {
		fmt.Fprintln(w, "  无差额。")
	}
	for _, g := range p.Items {
		if !g.Amount.OK {
			fmt.Fprintf(w, "  %s %s（%s）：%s\n", g.Item, g.Name, g.Code, g.Reason)
			continue
		}
		fmt.Fprintf(w, "  %s %s（%s）：%s差%s%s（%s）\n", g.Item, g.Name, g.Code, g.What, num.Short(g.Amount.V), g.Unit, g.Detail)
	}
	fmt.Fprintf(w, "\n四、按学校汇总的措施\n")
	writeBySchool(w, p)
	fmt.Fprintf(w, "\n五、合计\n")
	writeTotals(w, p, prof)
}

func writeShortfalls(w io.Writer, p *plan.Plan, prof *standard.Profile) {
	if len(p.Units) == 0 {
		fmt.Fprintln(w, "  各校各项指标均达到标准。")
		return
	}
	rows := [][]string{{"学校", "指标", "现状", "标准", "到85%需增加", "到标准需增加"}}
	var missing []string
	for _, u := range p.Units {
		for _, s := range u.Shortfalls {
			if !s.ToThreshold.OK {
				missing = append(missing, fmt.Sprintf("%s %s：%s", u.Name, s.Indicator, s.Reason))
				continue
			}
			rows = append(rows, []string{u.Name + levelTag(u), s.Indicator, num.Short(s.Value.V) + s.ValueUnit, num.Short(s.Threshold) + s.ValueUnit,
				amountText(s.ToFloor.V, s.Unit), amountText(s.ToThreshold.V, s.Unit)})
		}
	}
	if len(rows) > 1 {
		writeTable(w, rows)
	}
	if len(missing) > 0 {
		fmt.Fprintf(w, "  无法计算（数据缺失，不按达标计）：\n")
		for _, m := range missing {
			fmt.Fprintf(w, "    %s\n", m)
		}
	}
	rule := fmt.Sprintf("至少%d项达到标准、其余不低于标准的%s%%", prof.Resource.MinMet, num.Short(prof.Resource.FloorRatio*100))
	if prof.Resource.MinMet == len(prof.Resource.Indicators) {
		rule = "各项均达到标准"
	}
	fmt.Fprintf(w, "  未达标学校最省的达标方案（%s）：\n", rule)
	any := false
	for _, u := range p.Units {
		if u.Reason != "" {
			fmt.Fprintf(w, "    %s：%s\n", u.Name, u.Reason)
			any = true
			continue
		}
		if len(u.Pass) == 0 {
			continue
		}
		var parts []string
		for _, a := range u.Pass {
			parts = append(parts, fmt.Sprintf("%s增加%s（%s %s）", a.Kind.Chinese(), amountText(a.Amount, a.Unit), a.Indicator, a.Purpose))
		}
		line := u.Name + "：" + strings.Join(parts, "；")
		if u.PassCost.OK {
			line += "；估算" + money(u.PassCost.V)
		}
		fmt.Fprintf(w, "    %s\n", line)
		any = true
	}
	if !any {
		fmt.Fprintln(w, "    无未达标学校。")
	}
}

func writeCVs(w io.Writer, p *plan.Plan) {
	rows := [][]string{{"指标", "学段", "差异系数", "上限", "目标", "列入规划", "规划后"}}
	for _, cp := range p.CVs {
		for _, lv := range cp.Levels {
			cv, after, needed := "—", "—", ""
			if lv.CV.OK {
				cv = num.Fixed(lv.CV.V, 3)
			} else if lv.Status == eval.Pending {
				cv = "无法计算"
			}
			if lv.Needed {
				needed = "是"
			}
			if cp.Needed && lv.After.OK {
				after = num.Fixed(lv.After.V, 4)
			}
			rows = append(rows, []string{cp.Indicator, lv.Level.Chinese(), cv, num.Short(lv.Limit), num.Short(lv.Target), needed, after})
		}
	}
	writeTable(w, rows)
	for _, cp := range p.CVs {
		for _, lv := range cp.Levels {
			if lv.Status == eval.Pending && !lv.CV.OK {
				fmt.Fprintf(w, "  %s %s差异系数无法计算：%s\n", cp.Indicator, lv.Level.Chinese(), lv.Reason)
			}
		}
		if !cp.Needed {
			continue
		}
		fmt.Fprintf(w, "\n  %s %s\n", cp.Indicator, cp.Name)
		for _, lv := range cp.Levels {
			if lv.Needed {
				fmt.Fprintf(w, "    %s差异系数%s，目标低于%s；差异贡献最大的学校：%s\n", lv.Level.Chinese(), num.Fixed(lv.CV.V, 3), num.Short(lv.Target), topContributors(lv.Contributions, 5))
			}
		}
		if cp.Reason != "" {
			fmt.Fprintf(w, "    无法规划：%s\n", cp.Reason)
			continue
		}
		if len(cp.Actions) == 0 {
			fmt.Fprintln(w, "    各校达标方案实施后即降到目标，无需另外增加。")
			continue
		}
		line := fmt.Sprintf("    最少增量：%d所学校共增加%s%s", len(cp.Actions), cp.Kind.Chinese(), amountText(cp.Total, cp.Unit))
		if cp.Cost.OK {
			line += "，估算" + money(cp.Cost.V)
		}
		fmt.Fprintln(w, line)
		rows := [][]string{{"学校", "增加", "估算资金"}}
		for _, a := range cp.Actions {
			rows = append(rows, []string{a.Name + actionLevel(a), amountText(a.Amount, a.Unit), costText(a)})
		}
		writeTableIndent(w, rows, "      ")
	}
}

func topContributors(cs []plan.Contribution, n int) string {
	idx := make([]int, len(cs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(cs[b].Share, cs[a].Share) })
	var parts []string
	for _, i := range idx[:min(n, len(idx))] {
		c := cs[i]
		side := "偏高"
		if c.Below {
			side = "偏低"
		}
		parts = append(parts, fmt.Sprintf("%s %s（%s）", c.Name, num.Fixed(c.Share*100, 1)+"%", side))
	}
	return strings.Join(parts, "、")
}

func writeBySchool(w io.Writer, p *plan.Plan) {
	if len(p.Actions) == 0 {
		fmt.Fprintln(w, "  无。")
		return
	}
	type school struct {
		name, code string
		row        int
		actions    []plan.Action
	}
	at := map[int]*school{}
	var list []*school
	for _, a := range p.Actions {
		s := at[a.Row]
		if s == nil {
			s = &school{name: a.Name, code: a.Code, row: a.Row}
			at[a.Row] = s
			list = append(list, s)
		}
		s.actions = append(s.actions, a)
	}
	slices.SortStableFunc(list, func(a, b *school) int { return cmp.Compare(a.row, b.row) })
	rows := [][]string{{"学校", "措施", "数量", "用途", "估算资金", "责任单位"}}
	for _, s := range list {
		for i, a := range s.actions {
			name := ""
			if i == 0 {
				name = s.name + "（" + s.code + "）"
			}
			rows = append(rows, []string{name, "增加" + a.Kind.Chinese() + actionLevel(a), amountText(a.Amount, a.Unit), a.Indicator + " " + string(a.Purpose), costText(a), strings.Join(a.Owners, "、")})
		}
	}
	writeTable(w, rows)
}

func writeTotals(w io.Writer, p *plan.Plan, prof *standard.Profile) {
	t := p.Totals
	fmt.Fprintf(w, "  教师%s；教学及辅助用房%s；体育运动场馆%s；教学仪器设备%s；网络多媒体教室%s\n",
		amountText(t.Teachers, "人"), amountText(t.Building, "平方米"), amountText(t.Sports, "平方米"), amountText(t.Equipment, "万元"), amountText(t.Rooms, "间"))
	if t.Cost.OK {
		fmt.Fprintf(w, "  估算资金：%s（教师按一年人员经费计）\n", money(t.Cost.V))
	} else {
		fmt.Fprintln(w, "  估算资金：未全部估算（有措施的单价未设）")
	}
	fmt.Fprintln(w, "  （达标方案中一贯制学校两个学段所需的面积、设备、教室按较大者计；差异系数方案另计。）")
	var owners []string
	for _, ind := range prof.Resource.Indicators {
		owners = append(owners, ind.ID+" "+strings.Join(ind.Owners, "、"))
	}
	fmt.Fprintf(w, "  责任单位：%s\n", strings.Join(owners, "；"))
}

func levelTag(u plan.UnitPlan) string {
	if u.Split {
		return "" // the name says 小学部 or 初中部
	}
	return "（" + u.Level.Chinese() + "）"
}

func actionLevel(a plan.Action) string {
	if a.Level == "" {
		return ""
	}
	return "（" + a.Level.Chinese() + "）"
}

func amountText(v float64, unit string) string { return num.Short(v) + unit }

func costText(a plan.Action) string {
	if !a.Cost.OK {
		return "未估算"
	}
	return money(a.Cost.V)
}

// money writes 元 as 万元.
func money(yuan float64) string { return num.Grouped(yuan/10000, 2) + "万元" }

func writeTable(w io.Writer, rows [][]string) { writeTableIndent(w, rows, "  ") }

// writeTableIndent lines up the columns by display width, a Chinese character counting as two.
func writeTableIndent(w io.Writer, rows [][]string, indent string) {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], uniseg.StringWidth(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		b.WriteString(indent)
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-uniseg.StringWidth(c)+2))
			}
		}
		fmt.Fprintln(w, b.String())
	}
}
