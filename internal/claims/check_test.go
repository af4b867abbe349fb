package claims

import (
	"strconv"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/standard"
)

// testFacts are a county's figures, written so that the examples of the brief contradict
// or agree with them.
func testFacts() []Fact {
	b := &builder{year: 2025}
	b.add("rate.retention", checkVocab["junior_retention_rate"].q, "", 97.5, "97.5%", "data/county.toml 第60行（junior_retention_rate）")
	b.add("rate.disabled", checkVocab["disabled_enrolment_rate"].q, "", 96.4, "96.4%", "data/county.toml 第63行（disabled_enrolment_rate）")
	b.add("cv.composite", qCompositeCV, standard.Primary, 0.4123, "0.412", "由学校数据表计算")
	b.add("cv.composite", qCompositeCV, standard.Junior, 0.2951, "0.295", "由学校数据表计算")
	for y, v := range map[int]float64{2022: 0.412, 2023: 0.398, 2024: 0.385} {
		f := b.add("cv.composite", qCompositeCV, "", v, strconv.FormatFloat(v, 'f', -1, 64), "data/history/h.csv")
		f.Level, f.Year, f.Past = standard.Primary, y, true
	}
	cv := func(id string, l standard.Level, v float64) {
		voc := indicatorVocab[id]
		q := quantity{name: id + "差异系数", perLevel: true, aggregate: true, keywords: cvKeywords(voc.subject)}
		b.add(quantityCV+id[1:], q, l, v, strconv.FormatFloat(v, 'f', 3, 64), "由学校数据表计算")
	}
	cv("R5", standard.Primary, 0.4969)
	cv("R6", standard.Primary, 0.1953)
	cv("R5", standard.Junior, 0.2878)
	cv("R6", standard.Junior, 0.1968)
	r5 := b.add("value.R5", quantity{name: "生均体育运动场馆面积", unit: unitArea, perLevel: true, aggregate: true, unless: extremes,
		keywords: indicatorVocab["R5"].value},
		standard.Primary, 12.7977, "12.80平方米", "由学校数据表计算")
	r5.limits = []float64{7.5, 6.375}
	b.add("value.R6", quantity{name: "生均教学仪器设备值", unit: unitYuan, perLevel: true, aggregate: true, unless: extremes,
		keywords: indicatorVocab["R6"].value},
		standard.Primary, 3419.966, "3,419.97元", "由学校数据表计算")
	b.add("ratio.students_teachers", qStudentTeacher, "", 13.17, "13.17∶1", "由学校数据表计算")
	b.add("ratio.staffing", staffing, standard.Primary, 19, "1∶19", "data/county.toml 第19行")
	b.add("count.units", qUnits, standard.Primary, 62, "62所", "由学校数据表计算")
	b.add("count.units", qUnits, standard.Junior, 21, "21所", "由学校数据表计算")
	b.add("count.units", qUnits, "", 83, "83所", "由学校数据表计算")
	b.add("count.passing", qPassing, standard.Primary, 61, "61所", "由学校数据表计算")
	b.add("count.schools", qSchools, "", 82, "82所", "由学校数据表计算")
	b.add("count.students", qStudents, standard.Primary, 29673, "29,673人", "由学校数据表计算")
	b.add("count.students", qStudents, "", 43672, "43,672人", "由学校数据表计算")
	b.add("count.teachers", qTeachers, "", 3317, "3,317人", "由学校数据表计算")
	b.add("people.population", qPopulation, "", 410000, "410,000人", "data/county.toml 第10行")
	b.add("rate.approval", checkVocab["approval_rate"].q, "", 91.479, "91.48%", "data/survey.csv")
	b.add("rate.rotated", checkVocab["rotated_teachers"].q, "", 11.106, "11.11%", "由 data/county.toml 计算")
	b.add("people.rotated", inputVocab["rotated_teachers"].q, "", 246, "246人", "data/county.toml 第42行")
	b.add("people.rotated_backbone", inputVocab["rotated_backbone_teachers"].q, "", 61, "61人", "data/county.toml 第43行")
	b.add("yuan.teacher_salary", inputVocab["teacher_avg_salary"].q, "", 112860, "112860元", "data/county.toml 第29行")
	b.add("yuan.civil_servant_salary", inputVocab["civil_servant_avg_salary"].q, "", 109420, "109420元", "data/county.toml 第30行")
	b.add("rate.school_difference", checkVocab["school_difference_rate"].q, "", 0.11, "0.11", "data/county.toml 第83行")
	b.add("rate.nearby", nearby, standard.Primary, 100, "100%", "data/county.toml 第46行")
	b.add("rate.nearby", nearby, standard.Junior, 97.8, "97.8%", "data/county.toml 第47行")
	return b.facts
}

func TestCheckSentences(t *testing.T) {
	facts := testFacts()
	tests := []struct {
		text string
		want []string // the quoted figures that contradict, in order
	}{
		// The brief's examples.
		{"初中三年巩固率达到98.2%。", []string{"98.2%"}},
		{"初中三年巩固率达到97.5%。", nil},
		{"初中三年巩固率达到98%。", nil}, // 97.5 rounds half-up to 98
		{"初中三年巩固率达到97%。", []string{"97%"}},
		{"初中三年巩固率为97.50%。", nil},
		{"小学综合差异系数为0.41。", nil}, // 0.4123
		{"小学综合差异系数为0.43。", []string{"0.43"}},
		{"小学综合差异系数为0.412。", nil},
		{"小学综合差异系数为0.413。", []string{"0.413"}},
		{"生师比为14.5∶1。", []string{"14.5∶1"}},
		{"生师比为13.2∶1。", nil},
		{"全县生师比13.17:1。", nil},
		{"义务教育阶段残疾儿童少年入学率达到96%。", nil},
		{"义务教育阶段残疾儿童少年入学率达到97%。", []string{"97%"}},
		{"适龄残疾儿童入学率为96.4%。", nil},
		// Both sides of rounding boundaries.
		{"小学综合差异系数为0.4。", nil},
		{"初中综合差异系数为0.3。", nil},               // 0.2951 → 0.3
		{"初中综合差异系数为0.29。", []string{"0.29"}}, // 0.2951 → 0.30
		{"初中综合差异系数为0.30。", nil},
		{"初中综合差异系数为0.295。", nil},
		{"初中综合差异系数为0.2951。", nil},
		{"初中综合差异系数为0.2950。", []string{"0.2950"}},
		{"初中三年巩固率为98%。", nil},            // 97.5 → 98
		{"残疾儿童少年入学率为96%。", nil},          // 96.4 → 96
		{"初中生均体育运动场馆面积差异系数为0.288。", nil}, // as the report shows 0.2878
		{"初中生均体育运动场馆面积差异系数为0.29。", nil},
		{"初中生均体育运动场馆面积差异系数为0.287。", []string{"0.287"}},
		// Inequalities.
		{"初中三年巩固率达到95%以上。", nil},
		{"初中三年巩固率达到98%以上。", nil}, // 97.5 rounds to 98
		{"初中三年巩固率达到99%以上。", []string{"99%以上"}},
		{"初中三年巩固率不低于97.6%。", []string{"97.6%"}},
		{"初中三年巩固率超过97%。", nil},
		{"初中三年巩固率超过97.5%。", []string{"97.5%"}},
		{"初中三年巩固率高于98%。", []string{"98%"}},
		{"初中三年巩固率低于98%。", nil},
		{"初中三年巩固率不足97%。", []string{"97%"}},
		{"初中三年巩固率未达到95%。", []string{"95%"}},
		{"小学综合差异系数不高于0.41。", nil},
		{"小学综合差异系数不高于0.40。", []string{"0.40"}},
		{"小学综合差异系数低于0.5。", nil},
		{"初中各项差异系数均不高于0.45。", nil},
		{"小学各项差异系数均不高于0.45。", []string{"0.45"}},
		{"小学各项差异系数均不高于0.50。", nil},
		{"校际差异率为0.11，低于0.15。", nil},
		// Levels: stated, listed with 分别, after the figure, carried from an earlier clause.
		{"小学、初中综合差异系数分别为0.41、0.30。", nil},
		{"小学、初中综合差异系数分别为0.30、0.41。", []string{"0.30", "0.41"}},
		{"小学、初中综合差异系数分别为0.41、0.30，均低于0.6。", nil},
		{"小学、初中综合差异系数分别为0.30、0.41，均低于0.6。", []string{"0.30", "0.41"}},
		{"综合差异系数为0.30。", nil}, // no level: either may be meant
		{"综合差异系数为0.35。", []string{"0.35"}},
		{"参评小学62所、初中21所。", nil},
		{"参评小学62所、初中22所。", []string{"22所"}},
		{"全县参评学校中，62所小学、21所初中。", nil},
		{"城区和镇区公办小学、初中就近划片入学比例分别为100%、97.8%。", nil},
		{"城区和镇区公办初中就近入学比例为98%。", nil},
		{"城区和镇区公办初中就近入学比例为98.8%。", []string{"98.8%"}},
		// An indicator's 差异系数, named before it, also across a clause.
		{"小学生均体育运动场馆面积差异系数为0.497。", nil},
		{"小学生均体育运动场馆面积差异系数为0.43。", []string{"0.43"}},
		{"小学生均体育运动场馆面积为12.80平方米，差异系数为0.497。", nil},
		{"小学生均体育运动场馆面积为12.8平方米。", nil},
		{"小学生均体育运动场馆面积为13.8平方米。", []string{"13.8平方米"}},
		{"小学生均教学仪器设备值3420元。", nil},
		{"小学生均教学仪器设备值0.34万元。", nil},
		{"小学生均教学仪器设备值3520元。", []string{"3520元"}},
		// Years: a past year's figure, another year's figure, a year itself.
		{"2024年小学基本均衡综合差异系数为0.385。", nil},
		{"2024年小学基本均衡综合差异系数为0.41。", []string{"0.41"}},
		{"2024年小学综合差异系数为0.41。", nil}, // not this year's, and no 基本均衡 figure is meant
		{"2025年小学综合差异系数为0.41。", nil},
		{"2025年小学综合差异系数为0.43。", []string{"0.43"}},
		{"2023年初中三年巩固率为96.1%。", nil}, // no figure of 2023: not checked
		{"2025年，初中三年巩固率达到97.5%。", nil},
		{"2025年，初中三年巩固率达到96.5%。", []string{"96.5%"}},
		// Counts, with 万 and thousands separators; a keyword after the figure.
		{"全县共有义务教育学校82所。", nil},
		{"全县共有义务教育学校（校区）83所。", []string{"83所"}},
		{"小学在校生29,673人。", nil},
		{"小学在校生2.97万人。", nil},
		{"小学在校生29763人。", []string{"29763人"}},
		{"常住人口41万人。", nil},
		{"常住人口42万人。", []string{"42万人"}},
		{"全县有3317名专任教师。", nil},
		{"全县有3371名专任教师。", []string{"3371名"}},
		{"参评小学62所，61所达到要求。", nil},
		{"参评小学62所，60所达到要求。", []string{"60所"}},
		{"交流轮岗教师246人，占符合条件教师的11.1%，其中骨干教师61人。", nil},
		{"交流轮岗教师264人，其中骨干教师16人。", []string{"264人", "16人"}},
		{"教师年平均工资112860元，高于公务员109420元。", nil},
		{"教师年平均工资收入112860元，公务员平均工资收入109240元。", []string{"109240元"}},
		{"编制标准（小学师生比1:19、初中1:13.5）。", nil},
		{"社会认可度为91.48%，高于85%的标准。", nil},
		{"社会认可度为91.5%。", nil},
		{"社会认可度为90.5%。", []string{"90.5%"}},
		// Full-width digits and signs, and 百分之.
		{"初中三年巩固率达到９８．２％。", []string{"９８．２％"}},
		{"初中三年巩固率达到９７．５％。", nil},
		{"初中三年巩固率达到百分之98.2。", []string{"98.2"}},
		{"初中三年巩固率达到百分之九十八。", nil},
		{"初中三年巩固率达到百分之九十八点二。", []string{"百分之九十八点二"}},
		// Not claims: far from any keyword, years, ordinals, documents, quotations, ranges,
		// approximations, changes, thresholds, plans, other areas and years.
		{"全县辖4个镇、8个乡，总面积1860平方公里。", nil},
		{"初中三年巩固率（见第3条）有所提高。", nil},
		{"依据教督〔2017〕6号文件，初中三年巩固率须达到“95%以上”。", nil},
		{"按《小学综合差异系数0.65规定》执行。", nil},
		{"初中三年巩固率在95%—99%之间。", nil},
		{"初中三年巩固率约为99%。", nil},
		{"初中三年巩固率99%左右。", nil},
		{"初中三年巩固率提高2.1个百分点。", nil},
		{"初中三年巩固率比上年提高到99%。", nil},
		{"初中三年巩固率增长12%。", nil},
		{"初中三年巩固率从96.1%提高到97.5%。", nil},
		{"小学综合差异系数接近上限0.50。", nil},
		{"初中三年巩固率标准为95%。", nil},
		{"力争初中三年巩固率达到99%。", nil},
		{"全省初中三年巩固率为99.1%。", nil},
		{"特殊教育学校、职业学校和在校生不足50人的教学点不参与资源配置评估。", nil},
		{"每12个班级配备音乐教室1间。", nil},
		{"2017年通过基本均衡县认定，2025年10月15日提交申报。", nil},
		{"新建学校3所，改扩建义务教育学校14所。", nil},
		{"R5指标达到G11要求。", nil},
		// Words that narrow a figure to a part, another year or one school.
		{"全县共有义务教育学校82所，其中小学45所、初中15所。", nil},
		{"全县民办义务教育学校5所。", nil},
		{"社会认可度调查共发放问卷650份，回收有效问卷622份。", nil},
		{"家长满意度达到95%。", nil},
		{"小学六年巩固率达到99.5%。", nil},
		{"每百名学生拥有高于规定学历教师6.07人，比标准高1.87人。", nil},
		{"小学生均体育运动场馆面积为12.8平方米比标准高5.3平方米。", nil},
		{"2022—2024年，小学基本均衡综合差异系数分别为0.412、0.398、0.385。", nil},
		{"2022年至2024年小学基本均衡综合差异系数为0.398。", nil},
		{"2022—2024年，小学基本均衡综合差异系数分别为0.412、0.398、0.43。", []string{"0.43"}},
		{"近三年小学综合差异系数分别为0.412、0.398、0.385。", nil},
		{"小学基本均衡综合差异系数为0.385。", nil},
		{"小学基本均衡综合差异系数为0.39。", nil},
		{"小学基本均衡综合差异系数为0.38。", []string{"0.38"}},
		{"小学、初中差异系数分别不高于0.50、0.45。", nil},
		{"初中综合差异系数分别不高于0.50、0.25。", []string{"0.25"}},
		{"示例县第三小学生均体育运动场馆面积3.2平方米。", nil},
		{"城区学校生均体育运动场馆面积3.2平方米。", nil},
		{"九年一贯制学校小学部生均体育运动场馆面积8.2平方米。", nil},
		{"全县小学生均体育运动场馆面积13.2平方米。", []string{"13.2平方米"}},
		{"差异系数最高为0.497。", nil},
		{"小学、初中差异系数均达到国家标准，小学最高为0.497。", nil},
		{"小学、初中差异系数均达到国家标准，小学最高为0.479。", []string{"0.479"}},
		{"交流轮岗教师246人，占符合交流条件教师总数的11.1%。", nil},
		{"交流轮岗教师246人，占符合交流条件教师总数的12.1%。", []string{"12.1%"}},
		{"社会认可度调查中，家长占53%。", nil},
		{"城区学校12所，在校生2.1万人。", nil},
		{"生均体育运动场馆面积最低的学校为3.2平方米。", nil},
		{"小学生均体育运动场馆面积最大值25.6平方米、最小值3.2平方米。", nil},
		{"2023年底，全县小学、初中综合差异系数分别为0.281、0.205。", nil},
		{"全县义务教育阶段学校共82所（含教学点12个）。", nil},
		// Sentences of county plans that quote the standard or set targets.
		{"其中骨干教师不低于交流轮岗教师总数的 20%。", nil},
		{"全县每学年交流轮岗教师的比例不低于符合交流条件教师总数的 10%。", nil},
		{"小学生均体育运动场馆面积达到 7.5 平方米以上。", nil},
		{"小学生均体育运动场馆面积不低于6.375平方米。", nil},
		{"初中四年巩固率达到 95%以上。", nil},
		{"做到初中三年巩固率不低于 99%。", nil},
		{"初中三年巩固率达 99% 以上。", []string{"99% 以上"}},
		{"全县参评学校83所，其中九年一贯制学校12所。", nil},
		{"初中三年巩固率由2022年的97.6%提高到2024年的98.2%。", nil},
		{"九年义务教育巩固率达到96%。", nil},
		{"全县中小学专任教师3317人。", nil},
		{"在校生规模2000人以上的学校3所。", nil},
		{"全县义务教育学校校均规模530人。", nil},
		{"全县小学、初中生均教学仪器设备值分别为3420元、3784元。", nil},
		{"全县小学、初中生均教学仪器设备值分别为3520元、3784元。", []string{"3520元"}},
	}
	for _, tt := range tests {
		got := Check([]Chapter{FromText("content/t.md", tt.text)}, facts)
		var quoted []string
		for _, f := range got {
			quoted = append(quoted, f.Quoted)
		}
		if strings.Join(quoted, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s\n  found %q, want %q", tt.text, quoted, tt.want)
			for _, f := range got {
				t.Logf("  %s", f.Message)
			}
		}
	}
}
