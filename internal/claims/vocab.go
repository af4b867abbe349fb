package claims

// A quantity is something the chapters may quote: its name in messages, the unit it is quoted
// in and the words a chapter names it by. A keyword "A…B" matches A followed within gapRunes
// runes of the same sentence by B; the mention is placed at B ("生均体育运动场馆面积为12.80
// 平方米，差异系数为0.497" quotes the CV of R5). Keywords are written as a clerk writes them,
// from the standard's own wording and its common short forms; a quantity named otherwise is
// simply not checked, never guessed.
type quantity struct {
	name     string
	unit     string // one of the units below
	perLevel bool   // its facts are per level: a stated level picks one, a level it lacks picks none
	keywords []string
	// unless are words that, before the figure in its clause, make it about something else:
	// 小学六年巩固率, 家长满意度, 民办学校.
	unless []string
	// aggregate marks a sum or mean over the school table's campuses: a sentence naming one
	// school (第三小学生均体育运动场馆面积…) or a part (subsets) quotes that one's figure, not
	// the county's.
	aggregate bool
}

// subsets are the words that, anywhere before a figure in its sentence, narrow a figure of the
// school table (a count, a county value, a 差异系数) to a part: 城区学校12所，在校生2.1万人.
var subsets = []string{"城区", "镇区", "乡村", "农村", "民办", "公办", "寄宿", "薄弱", "新建"}

// people are the words that, before a count of students or teachers in its clause, narrow it
// to some of them: 随迁子女在校生, 骨干教师中的专任教师.
var people = []string{"随迁", "留守", "残疾", "女", "男", "骨干", "体育", "艺术", "音乐", "美术", "兼职", "代课", "特岗",
	"交流", "退休", "新招", "新录", "补充"}

// extremes make a figure a school's, not the county's: 最低的学校为3.2平方米, 最大值25.6平方米.
var extremes = []string{"最低", "最高", "最大", "最小", "最多", "最少"}

// The units a fact is quoted in. A quoted number is compared with a fact only when its unit
// agrees (unitsOf): this, more than any keyword, keeps a 246人 from being read as a rate.
const (
	unitPercent = "%"
	unitNone    = ""        // a coefficient or a rate written as a fraction (差异系数, 差异率)
	unitRatio   = "∶1"      // 生师比 14.5∶1, 师生比 1∶19
	unitYuan    = "元"       // also 万元, 亿元
	unitPeople  = "人"       // also 名, 万人
	unitSchools = "所"       // also 个
	unitArea    = "平方米"     // also ㎡, m²
	unitRooms   = "间"       //
	unitCopies  = "份"       // questionnaires
	unitPoints  = "分"       // a B score
	gapRunes    = 24        // how far A may precede B in a keyword "A…B"
	gap         = "…"       // separates A and B in a keyword
	quantityCV  = "cv.R"    // prefix of the IDs of the indicators' 差异系数
	quantityVal = "value.R" // prefix of the IDs of the indicators' county values
)

// indicatorVocab names the seven resource indicators (R1–R7 in every profile): subject is
// what a sentence calls the indicator before "差异系数"; value names its county value, which
// is per student or per hundred students and so is never named without 生均 or 每百名.
var indicatorVocab = map[string]struct{ subject, value []string }{
	"R1": {
		subject: []string{"高于规定学历教师", "高于规定学历的教师", "高学历教师"},
		value:   []string{"每百名学生…高于规定学历教师", "每百名学生…高于规定学历的教师", "每百名学生…高学历教师"},
	},
	"R2": {
		subject: []string{"骨干教师"},
		value:   []string{"每百名学生…骨干教师"},
	},
	"R3": {
		subject: []string{"体育、艺术", "体育艺术", "体艺", "音体美"},
		value: []string{"每百名学生…体育、艺术（美术、音乐）专任教师", "每百名学生…体育、艺术专任教师",
			"每百名学生…体育艺术专任教师", "每百名学生…体育艺术教师", "每百名学生…体艺教师", "每百名学生…音体美教师"},
	},
	"R4": {
		subject: []string{"教学及辅助用房"},
		value:   []string{"生均教学及辅助用房面积", "生均教学及辅助用房"},
	},
	"R5": {
		subject: []string{"体育运动场馆", "运动场馆", "体育场馆", "运动场地"},
		value: []string{"生均体育运动场馆面积", "生均体育运动场地面积", "生均运动场馆面积", "生均运动场地面积",
			"生均体育场馆面积", "生均体育场地面积"},
	},
	"R6": {
		subject: []string{"教学仪器设备", "仪器设备"},
		value:   []string{"生均教学仪器设备值", "生均教学仪器设备", "生均仪器设备值"},
	},
	"R7": {
		subject: []string{"网络多媒体教室", "多媒体教室"},
		value:   []string{"每百名学生…网络多媒体教室", "每百名学生…多媒体教室"},
	},
}

// genericCV names a 差异系数 without saying which: any of the level's (a sentence listing them
// all, "七项指标差异系数分别为…").
var genericCV = []string{"差异系数"}

// checkVocab names the figures of county.toml that items compare, by the key of their check,
// which is the same in every profile (Q1 and H25 both check junior_retention_rate). level is
// the level a key is about, if any.
var checkVocab = map[string]struct {
	id    string
	level string
	q     quantity
}{
	"junior_retention_rate": {"rate.retention", "", quantity{name: "初中三年巩固率", unit: unitPercent,
		keywords: []string{"初中三年巩固率", "三年巩固率", "巩固率"}, unless: []string{"小学", "六年", "九年", "四年"}}},
	"disabled_enrolment_rate": {"rate.disabled", "", quantity{name: "残疾儿童少年入学率", unit: unitPercent,
		keywords: []string{"残疾儿童少年入学率", "残疾…入学率"}}},
	"training_completion_rate": {"rate.training", "", quantity{name: "教师5年360学时培训完成率", unit: unitPercent,
		keywords: []string{"培训完成率", "360学时…完成率"}}},
	"nearby_primary_rate": {"rate.nearby", "primary", nearby},
	"nearby_junior_rate":  {"rate.nearby", "junior", nearby},
	"quota_allocation_rate": {"rate.quota", "", quantity{name: "优质高中招生名额分配比例", unit: unitPercent,
		keywords: []string{"名额分配比例", "名额分配到校比例", "指标到校比例", "名额分配…比例"}}},
	"migrant_public_rate": {"rate.migrant", "", quantity{name: "随迁子女在公办学校和政府购买服务的民办学校就读比例", unit: unitPercent,
		keywords: []string{"随迁子女…比例", "随迁子女…就读率"}}},
	"rotated_teachers": {"rate.rotated", "", quantity{name: "交流轮岗教师比例", unit: unitPercent,
		keywords: []string{"交流轮岗教师比例", "交流轮岗比例", "交流轮岗…比例", "交流轮岗教师"}}},
	"rotated_backbone_teachers": {"rate.rotated_backbone", "", quantity{name: "骨干教师占交流轮岗教师比例", unit: unitPercent,
		keywords: []string{"骨干教师占交流轮岗教师比例", "骨干教师占", "骨干教师比例", "占交流轮岗教师", "占交流轮岗"}}},
	"certified_rate": {"rate.certified", "", quantity{name: "专任教师持证上岗率", unit: unitPercent,
		keywords: []string{"持证上岗率", "持证率", "教师资格证…率"}}},
	"approval_rate": {"rate.approval", "", quantity{name: "社会认可度", unit: unitPercent,
		keywords: []string{"社会认可度", "认可度", "满意度"},
		unless:   []string{"家长", "学生", "教师", "校长", "代表", "委员"}}},
	"school_difference_rate": {"rate.school_difference", "", quantity{name: "校际差异率", unit: unitNone,
		keywords: []string{"校际差异率"}}},
	"primary_students_per_staff": {"ratio.staffing", "primary", staffing},
	"junior_students_per_staff":  {"ratio.staffing", "junior", staffing},
	"primary_fund_quota":         {"yuan.fund_quota", "primary", fundQuota},
	"junior_fund_quota":          {"yuan.fund_quota", "junior", fundQuota},
}

var (
	nearby = quantity{name: "城区和镇区公办学校就近划片入学比例", unit: unitPercent, perLevel: true,
		keywords: []string{"就近划片入学比例", "就近划片入学率", "就近入学比例", "就近入学率", "划片入学比例"}}
	staffing = quantity{name: "教职工编制师生比", unit: unitRatio, perLevel: true,
		keywords: []string{"编制…师生比", "编制…生师比"}}
	fundQuota = quantity{name: "生均公用经费基准定额", unit: unitYuan, perLevel: true,
		keywords: []string{"公用经费基准定额", "公用经费…定额"}}
)

// inputVocab names the figures of county.toml that are quoted as entered rather than through a
// check (the check compares their ratio), by key.
var inputVocab = map[string]struct {
	id string
	q  quantity
}{
	"eligible_teachers": {"people.eligible", quantity{name: "符合交流条件教师总数", unit: unitPeople,
		keywords: []string{"符合交流条件…教师"}}},
	"rotated_teachers": {"people.rotated", quantity{name: "交流轮岗教师数", unit: unitPeople,
		keywords: []string{"交流轮岗教师", "交流轮岗"}}},
	"rotated_backbone_teachers": {"people.rotated_backbone", quantity{name: "交流轮岗教师中的骨干教师数", unit: unitPeople,
		keywords: []string{"交流…骨干教师"}}},
	"teacher_avg_salary": {"yuan.teacher_salary", quantity{name: "教师年平均工资收入", unit: unitYuan,
		keywords: []string{"教师…平均工资", "教师…工资收入"}}},
	"civil_servant_avg_salary": {"yuan.civil_servant_salary", quantity{name: "公务员年平均工资收入", unit: unitYuan,
		keywords: []string{"公务员…平均工资", "公务员…工资收入", "公务员…工资"}}},
}

// The quantities computed from the school table, the survey and the evaluation.
var (
	qCompositeCV = quantity{name: "综合差异系数", unit: unitNone, perLevel: true, aggregate: true,
		keywords: []string{"综合差异系数"}}
	qSchools = quantity{name: "义务教育学校（校区）数", unit: unitSchools, aggregate: true,
		keywords: []string{"义务教育学校", "义务教育阶段学校"}}
	qUnits = quantity{name: "参与资源配置评估的学校（校区）数", unit: unitSchools, perLevel: true, aggregate: true,
		keywords: []string{"参评", "参与资源配置评估", "参加资源配置评估"}}
	qPassing = quantity{name: "资源配置达到要求的学校（校区）数", unit: unitSchools, perLevel: true, aggregate: true,
		keywords: []string{"达到要求"}}
	qFailing = quantity{name: "资源配置未达到要求的学校（校区）数", unit: unitSchools, perLevel: true, aggregate: true,
		keywords: []string{"未达到要求"}}
	qStudents = quantity{name: "在校生数", unit: unitPeople, perLevel: true, aggregate: true,
		keywords: []string{"在校生", "在校学生"}, unless: people}
	qTeachers = quantity{name: "专任教师数", unit: unitPeople, perLevel: true, aggregate: true,
		keywords: []string{"专任教师"}, unless: people}
	qStudentTeacher = quantity{name: "生师比", unit: unitRatio, perLevel: true, aggregate: true,
		keywords: []string{"生师比", "师生比"}, unless: people}
	qPopulation = quantity{name: "常住人口", unit: unitPeople,
		keywords: []string{"常住人口"}}
	qSamples = quantity{name: "有效问卷数", unit: unitCopies,
		keywords: []string{"有效问卷"}}
	qApproving = quantity{name: "认可问卷数", unit: unitCopies,
		keywords: []string{"认可问卷", "满意问卷"}}
	qParents = quantity{name: "家长问卷数", unit: unitCopies,
		keywords: []string{"家长问卷"}}
	qBTotal = quantity{name: "B类指标自评总分", unit: unitPoints,
		keywords: []string{"自评总分", "总分"}}
)
