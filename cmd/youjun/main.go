// Command youjun builds a county's 义务教育优质均衡发展 自评报告 from its site folder.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/rivo/uniseg"

	"github.com/youjun-edu/youjun/internal/build"
	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/eval"
	"github.com/youjun-edu/youjun/internal/report"
	"github.com/youjun-edu/youjun/internal/scaffold"
	"github.com/youjun-edu/youjun/internal/serve"
	"github.com/youjun-edu/youjun/internal/site"
	"github.com/youjun-edu/youjun/internal/standard"
	"github.com/youjun-edu/youjun/internal/summary"
)

// Exit codes (DESIGN §5).
const (
	exitOK    = 0
	exitError = 1 // bad data, failed build or check, internal error
	exitUsage = 2 // the command line is wrong; nothing else
)

const usage = `youjun（优均）—— 县域义务教育优质均衡发展自评报告生成工具

用法：
  youjun <命令> [选项]

命令：
  new     新建一个县的站点：Excel 填报模板、县级数据、报告各章框架
  serve   边写边预览：在浏览器中打开，修改文件后自动刷新
  build   生成自评报告网站（output/）和 PDF
  eval    评估本县数据，在终端输出结论与各项指标（--json 输出 evaluation.json）
  check   检查数据和正文是否齐全、正确（有待补充或提示时不通过）
  import  从教育事业统计导出表和教师花名册生成（或更新）学校数据表
  plan    整改与创建规划：各校缺多少教师、面积、设备、教室，差异系数降到目标需增加多少（--json 机器可读）
  pack    生成申报材料包（zip）：报告、数据、正文、佐证材料和每个文件的 SHA-256 清单
  verify  核查申报材料包：按包内数据重新评估，列出被改动或与复算结果不一致之处
  rollup  市、省级汇总：多个县的申报材料包逐县重新评估、核对、对照，生成汇总网站、Excel、PDF 和 rollup.json
  profiles  列出内置的评估标准；profiles show 标准 显示其全部内容

每个命令的选项见 youjun <命令> --help。
评估依据：《县域义务教育优质均衡发展督导评估办法》（教督〔2017〕6号）。

退出码：0 成功；1 数据有误、生成或检查未通过、内部错误；2 命令用法有误。
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	return dispatch(commands(), args, stdout, stderr)
}

// subcommand runs one command with its arguments and returns the exit code.
type subcommand func(args []string, stdout, stderr io.Writer) int

func commands() map[string]subcommand {
	return map[string]subcommand{
		"eval":     cmdEval,
		"check":    cmdCheck,
		"build":    cmdBuild,
		"new":      cmdNew,
		"serve":    cmdServe,
		"profiles": cmdProfiles,
		"import":   cmdImport,
		"plan":     cmdPlan,
		"pack":     cmdPack,
		"verify":   cmdVerify,
		"rollup":   cmdRollup,
	}
}

// dispatch runs the command that args name, from cmds.
func dispatch(cmds map[string]subcommand, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "-h", "--help", "help", "-help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "未知的命令「%s」\n\n%s", args[0], usage)
		return exitUsage
	}
	return guarded(cmd, args[1:], stdout, stderr)
}

// guarded runs a command and turns a panic into exit code 1 with a report for the developers:
// an uncaught panic would exit with 2, the code that means the user typed the command wrong.
func guarded(cmd subcommand, args []string, stdout, stderr io.Writer) (code int) {
	defer func() {
		if v := recover(); v != nil {
			fmt.Fprintf(stderr, "youjun 内部错误，请把以下信息报告给开发者：%v\n\n%s", v, debug.Stack())
			code = exitError
		}
	}()
	return cmd(args, stdout, stderr)
}

// command is a sub-command's flags with Chinese help; the flag package's own English messages
// are silenced and replaced.
type command struct {
	*flag.FlagSet
	synopsis string
}

func newFlags(name, synopsis string) *command {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return &command{FlagSet: fs, synopsis: synopsis}
}

// usage writes the synopsis and the options; a `word` in an option's text names its value.
func (c *command) usage(w io.Writer) {
	fmt.Fprintf(w, "%s\n\n选项：\n", c.synopsis)
	c.VisitAll(func(f *flag.Flag) {
		name, text := flag.UnquoteUsage(f)
		if _, isBool := f.Value.(interface{ IsBoolFlag() bool }); isBool {
			name = ""
		}
		if name != "" {
			name = " " + name
		}
		fmt.Fprintf(w, "  --%s%s\n        %s\n", f.Name, name, text)
	})
}

// parse parses args; it returns an exit code when the command should stop.
func (c *command) parse(args []string, stdout, stderr io.Writer) (int, bool) {
	err := c.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		c.usage(stdout)
		return exitOK, true
	case err != nil:
		fmt.Fprintf(stderr, "%s\n\n", flagError(err))
		c.usage(stderr)
		return exitUsage, true
	case c.NArg() > 0:
		fmt.Fprintf(stderr, "多余的参数：%s\n\n", strings.Join(c.Args(), " "))
		c.usage(stderr)
		return exitUsage, true
	}
	return 0, false
}

// parseMixed parses args whose options and operands (files, packages) come in any order, as a
// clerk types them (youjun verify 材料包.zip --report 核查): the flag package stops at the first
// operand, so each operand is taken and parsing goes on. A "--" ends the options. It returns the
// operands, or an exit code when the command should stop.
func (c *command) parseMixed(args []string, stdout, stderr io.Writer) (operands []string, code int, stop bool) {
	for {
		err := c.Parse(args)
		switch {
		case errors.Is(err, flag.ErrHelp):
			c.usage(stdout)
			return nil, exitOK, true
		case err != nil:
			fmt.Fprintf(stderr, "%s\n\n", flagError(err))
			c.usage(stderr)
			return nil, exitUsage, true
		}
		rest := c.Args()
		if len(rest) == 0 {
			return operands, 0, false
		}
		if at := len(args) - len(rest); at > 0 && args[at-1] == "--" {
			return append(operands, rest...), 0, false // all after -- are operands
		}
		operands = append(operands, rest[0])
		args = rest[1:]
	}
}

// flagError translates the flag package's errors, which name an option with one dash and
// carry strconv's English reason ("parse error", "value out of range").
func flagError(err error) string {
	msg := err.Error()
	if m := invalidValue.FindStringSubmatch(msg); m != nil {
		reason := "无效"
		switch m[3] {
		case "parse error":
			reason = "格式不对"
		case "value out of range":
			reason = "超出范围"
		}
		return fmt.Sprintf("选项 --%s 的值 %s %s", m[2], m[1], reason)
	}
	for _, t := range []struct{ prefix, chinese string }{
		{"flag provided but not defined: -", "未知的选项 --"},
		{"flag needs an argument: -", "这个选项需要一个值：--"},
	} {
		if rest, ok := strings.CutPrefix(msg, t.prefix); ok {
			return t.chinese + rest
		}
	}
	return "选项有误"
}

// invalidValue matches the flag package's "invalid value" errors: value, option, reason.
var invalidValue = regexp.MustCompile(`^invalid (?:boolean )?value (".*") for (?:flag )?-(\S+): (.*)$`)

func cmdEval(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("eval", `youjun eval [--site 目录 | --data 学校数据表] [--json] [--profile 评估标准]

评估本县数据。默认读取当前目录的站点（site.toml、data/）；--data 只评估一张学校数据表
（.csv 或 .xlsx），县级指标此时均为“待补充”。`)
	dir := fs.String("site", ".", "站点`目录`（含 site.toml），默认为当前目录")
	table := fs.String("data", "", "只评估这张学校数据表（.csv 或 .xlsx `文件`），不读取站点")
	asJSON := fs.Bool("json", false, "输出 evaluation.json（机器可读）而不是文字摘要")
	profile := fs.String("profile", "", "评估`标准`，如 national-2017（默认取 site.toml 的设置）")
	if code, stop := fs.parse(args, stdout, stderr); stop {
		return code
	}
	siteSet := false
	fs.Visit(func(f *flag.Flag) { siteSet = siteSet || f.Name == "site" })
	if siteSet && *table != "" {
		fmt.Fprintln(stderr, "--site 与 --data 只能选一个")
		return exitUsage
	}
	// Nearly all that loading and evaluating allocate stays in use until the output: collecting
	// garbage finds little, and on a virtual machine its cost is mostly the kernel's (page faults
	// of the memory it returns and takes again). See lessGC. evaluation.json is written with the
	// default again, as its encoder makes garbage (2× the peak otherwise).
	restoreGC := lessGC()
	var s *site.Site
	var probs diag.List
	title := ""
	if *table != "" {
		s, probs = site.LoadTable(*table, *profile)
		title = "学校数据表 " + *table
	} else {
		s, probs = site.Load(*dir, *profile)
	}
	if printProblems(stderr, probs) {
		return exitError
	}
	if title == "" {
		title = s.Config.County
	}
	res := s.Evaluate()
	if *asJSON {
		restoreGC() // the JSON encoder makes garbage; the summary makes little
	}
	// The summary is written line by line, and the JSON of a large table in blocks; a buffer
	// turns them into a few writes instead of a system call each.
	w := bufio.NewWriterSize(stdout, 64<<10)
	if *asJSON {
		if err := res.WriteJSON(w); err != nil {
			if errors.Is(err, eval.ErrNotFinite) {
				fmt.Fprintln(stderr, "无法输出 JSON：评估结果中有无法表示的数值，请把此信息报告给开发者")
			}
			return exitError
		}
		if w.Flush() != nil {
			return exitError
		}
		return exitOK
	}
	if err := summary.Write(w, report.New(res, s.Profile, s.County), title); err != nil {
		return exitError
	}
	if w.Flush() != nil {
		return exitError
	}
	return exitOK
}

func cmdNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", `youjun new 目录 [--name 县名] [--profile 评估标准]

新建一个县的站点：site.toml、data/schools.xlsx（Excel 填报模板，含填表说明和下拉选项）、
data/county.toml（县级数据，每项有中文说明）、data/survey.csv、content/（报告各章框架和填写说明）。
目录必须不存在或为空。`)
	name := fs.String("name", "", "县（市、区）`名称`，默认为目录名")
	profile := fs.String("profile", "", "评估`标准`，默认 national-2017")
	var dir string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		dir, args = args[0], args[1:]
	}
	if code, stop := fs.parse(args, stdout, stderr); stop {
		return code
	}
	if dir == "" {
		fmt.Fprintln(stderr, "请给出新站点的目录，例如：youjun new 测试县")
		return exitUsage
	}
	now := time.Now()
	err := scaffold.New(scaffold.Options{Dir: dir, County: *name, Profile: *profile, Year: now.Year(), Date: now.Format("2006-01-02")})
	if err != nil {
		msg := err.Error()
		if pe := (*iofs.PathError)(nil); errors.As(err, &pe) { // the OS's English: "mkdir x: not a directory"
			msg = pe.Path + "：" + diag.SysError(err)
		}
		fmt.Fprintf(stderr, "无法新建站点：%s\n", msg)
		return exitError
	}
	fmt.Fprintf(stdout, `已新建站点 %s。接下来：
  1. 用 Excel 或 WPS 打开 %s，按“填表说明”填写各校数据；
  2. 在 %s 中填写县级数据（去掉行首的 # 号再填）；
  3. 在 %s 下逐章撰写报告；
  4. 进入该目录运行 youjun serve，在浏览器中边写边看；youjun build 生成网站和 PDF。
`, dir, filepath.Join(dir, "data", "schools.xlsx"), filepath.Join(dir, "data", "county.toml"), filepath.Join(dir, "content"))
	return exitOK
}

func cmdBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", `youjun build [--site 目录] [--out 目录] [--only html|pdf|docx]

生成自评报告：网站（总览、报告正文、每所学校和每项指标的页面、附表及 CSV/Excel 下载、
evaluation.json）、A4 版式的 PDF（<县名>义务教育优质均衡发展自评报告.pdf）和可编辑的 Word 文档
（<县名>义务教育优质均衡发展自评报告.docx）。网站不依赖网络，
可直接用浏览器打开 output/index.html，或原样发布。生成失败时保留原来的 output/。`)
	dir := fs.String("site", ".", "站点`目录`（含 site.toml），默认为当前目录")
	out := fs.String("out", "", "输出`目录`，默认为站点下的 output/")
	only := fs.String("only", "", "只生成其一：`html|pdf|docx`（html 只生成网站，pdf 只生成 PDF，docx 只生成 Word 文档）；默认都生成")
	strict := fs.Bool("strict", false, "严格模式：有提示、待补充的项目、缺少或空白的章节、失效的链接时不生成，退出码为 1")
	metrics := fs.Bool("metrics", false, "输出各阶段用时表")
	if code, stop := fs.parse(args, stdout, stderr); stop {
		return code
	}
	deferGC(buildGCStart)
	if *only != "" && *only != "html" && *only != "pdf" && *only != "docx" {
		fmt.Fprintf(stderr, "--only 只能是 html、pdf 或 docx，不能是「%s」\n", *only)
		return exitUsage
	}
	start := time.Now()
	progress := func(st build.Stage) { fmt.Fprintf(stdout, "  %s（%s）\n", st.Name, ms(st.Duration)) }
	res, probs := build.Run(build.Options{Site: *dir, Out: *out, Only: *only, Strict: *strict, Progress: progress})
	if printProblems(stderr, probs) {
		fmt.Fprintln(stderr, "未生成；原有的输出目录未改动。")
		return exitError
	}
	printProblems(stderr, res.Warnings)
	for _, n := range res.Notes {
		fmt.Fprintln(stderr, "提示："+n)
	}
	if *metrics {
		printMetrics(stdout, res, time.Since(start))
	}
	if res.Pages > 0 {
		fmt.Fprintf(stdout, "已生成网站：%d 个网页，%s\n", res.Pages, filepath.Join(res.Out, "index.html"))
	}
	if res.PDF != "" {
		fmt.Fprintf(stdout, "已生成 PDF：%d 页，%s\n", res.PDFPages, res.PDF)
	}
	if res.DOCX != "" {
		fmt.Fprintf(stdout, "已生成 Word 文档：%s\n", res.DOCX)
	}
	fmt.Fprintf(stdout, "共 %d 个文件，用时 %d 毫秒\n", res.Files, time.Since(start).Milliseconds())
	return exitOK
}

func cmdCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", `youjun check [--site 目录]

检查站点的数据：学校数据表、data/county.toml、data/survey.csv、data/history/。
列出全部错误和提示；有错误时退出码为 1。另列出只凭佐证材料评估、但 evidence/<指标编号>/
中还没有材料的指标（不影响检查结果）。`)
	dir := fs.String("site", ".", "站点`目录`（含 site.toml），默认为当前目录")
	if code, stop := fs.parse(args, stdout, stderr); stop {
		return code
	}
	res, probs := build.Run(build.Options{Site: *dir, DryRun: true})
	if printProblems(stderr, probs) {
		fmt.Fprintln(stderr, "检查未通过：请先改正以上错误。")
		return exitError
	}
	if len(res.Warnings) > 0 {
		printProblems(stderr, res.Warnings)
		printAudit(stderr, res.Audit)
		printEvidence(stderr, res.Evidence)
		fmt.Fprintf(stderr, "检查未通过：还有 %d 处需要补充或确认（见上）。\n", len(res.Warnings))
		return exitError
	}
	printAudit(stdout, res.Audit)
	printEvidence(stdout, res.Evidence)
	fmt.Fprintln(stdout, "检查通过：数据完整、正文齐全、链接有效，可以生成正式报告。")
	return exitOK
}

// printEvidence writes what check says of the 佐证材料: notes that never fail a check.
func printEvidence(w io.Writer, notes []string) {
	for _, n := range notes {
		fmt.Fprintln(w, "佐证材料（不影响检查结果）："+n)
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%d 毫秒", d.Milliseconds()) }

// printMetrics writes the time each stage took and the whole build's. Stages overlap (the PDF
// and the downloads are made while the pages render), so their sum exceeds the wall time.
func printMetrics(w io.Writer, res *build.Result, wall time.Duration) {
	fmt.Fprintln(w, "\n  阶段          用时（毫秒）")
	var total time.Duration
	for _, st := range res.Stages {
		fmt.Fprintf(w, "  %s%s%8.1f\n", st.Name, strings.Repeat(" ", max(0, 14-uniseg.StringWidth(st.Name))), float64(st.Duration.Microseconds())/1000)
		total += st.Duration
	}
	fmt.Fprintf(w, "  各阶段之和%s%8.1f\n", strings.Repeat(" ", 4), float64(total.Microseconds())/1000)
	fmt.Fprintf(w, "  实际用时%s%8.1f（各阶段部分同时进行）\n", strings.Repeat(" ", 6), float64(wall.Microseconds())/1000)
	fmt.Fprintf(w, "  网页 %d 个，文件 %d 个，PDF %d 页\n", res.Pages, res.Files, res.PDFPages)
}

// printProblems prints warnings, then errors, grouped by file; it reports whether there were errors.
func printProblems(w io.Writer, probs diag.List) bool {
	errs, warns := probs.Errors(), probs.Warnings()
	if len(warns) > 0 {
		fmt.Fprintf(w, "提示（%d 条）：\n", len(warns))
		printGrouped(w, warns)
	}
	if len(errs) > 0 {
		// A summary ("另有 K 处…未列出") is no error of its own: count the listed ones.
		listed := len(slices.DeleteFunc(slices.Clone(errs), func(p diag.Problem) bool { return p.Summary }))
		more := ""
		if listed < len(errs) {
			more = "（另有同类问题未列出，见下）"
		}
		fmt.Fprintf(w, "发现 %d 处错误%s：\n", listed, more)
		printGrouped(w, errs)
	}
	return len(errs) > 0
}

func printGrouped(w io.Writer, probs diag.List) {
	files, byFile := probs.ByFile()
	for _, f := range files {
		if f == "" {
			for _, p := range byFile[f] {
				fmt.Fprintf(w, "  %s\n", p.Local())
			}
			continue
		}
		fmt.Fprintf(w, "  %s\n", f)
		for _, p := range byFile[f] {
			fmt.Fprintf(w, "    %s\n", p.Local())
		}
	}
}

func cmdProfiles(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("profiles", `youjun profiles
youjun profiles show 标准

列出内置的评估标准，或显示一个标准的全部内容（TOML，含每个指标的阈值、评估要点和分值）。
站点可以在 site.toml 的 [standard] profile 中写标准名，或写一个自定义标准文件的路径（.toml，
可用 extends 继承内置标准）；[standard.override] 按路径覆盖其中的数值。`)
	var show string
	if len(args) >= 2 && args[0] == "show" {
		show, args = args[1], args[2:]
	}
	if code, stop := fs.parse(args, stdout, stderr); stop {
		return code
	}
	if show != "" {
		src, err := standard.Source(show)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return exitError
		}
		stdout.Write(src)
		return exitOK
	}
	for _, id := range standard.Builtin() {
		p, err := standard.Load(id)
		if err != nil {
			fmt.Fprintf(stdout, "%-16s（有误：%v）\n", id, err)
			continue
		}
		a, b := len(p.Resource.Indicators), 0
		for _, it := range p.Items {
			switch {
			case it.Dimension == standard.DimVeto || it.Dimension == standard.DimEligibility:
			case it.Kind == standard.KindB:
				b++
			default:
				a++
			}
		}
		fmt.Fprintf(stdout, "%-16s %s：%s\n                 必须达到的指标 %d 项", id, p.Name, p.Basis, a)
		if b > 0 {
			fmt.Fprintf(stdout, "，计分指标 %d 项", b)
		}
		fmt.Fprintln(stdout)
	}
	return exitOK
}

func cmdServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", `youjun serve [--site 目录] [--port 1313]

边写边预览：生成网站并在本机（127.0.0.1）提供浏览，修改 site.toml、data/、content/、templates/
中的文件后自动重新生成并刷新浏览器。生成失败时浏览器中显示错误，改正后自动恢复。按 Ctrl+C 退出。`)
	dir := fs.String("site", ".", "站点`目录`（含 site.toml），默认为当前目录")
	port := fs.Int("port", 1313, "端口`号`")
	if code, stop := fs.parse(args, stdout, stderr); stop {
		return code
	}
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt)
	defer cancel()
	srv := serve.New(*dir, stdout)
	fmt.Fprintf(stdout, "预览地址：http://127.0.0.1:%d/ （按 Ctrl+C 退出）\n", *port)
	if err := srv.ListenAndServe(ctx, *port); err != nil {
		fmt.Fprintln(stderr, err)
		return exitError
	}
	return exitOK
}
