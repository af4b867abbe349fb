package main

import (
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/youjun-edu/youjun/internal/rollup"
	rolluprun "github.com/youjun-edu/youjun/internal/rollup/run"
)

func cmdRollup(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("rollup", `youjun rollup [--out 目录] [--previous 上次的汇总] 输入…

市、省级汇总（市级复核、省级督导评估）：每个输入是一个县的申报材料包（.zip 或解压后的目录）、
一个县的站点目录（含 site.toml），或存放它们的目录（只看一层）。每个县都用它自己的数据、按它自己的
评估标准重新评估，并与材料包中的 evaluation.json 和清单逐项核对：不一致之处列为问题；
无法打开、核对或评估的县连同原因列出，不会被略去。

输出（默认 rollup-output/）：网站（总览、差异系数对照表、各指标分布、公示名单、各县一页摘要）、
汇总.xlsx、汇总报告.pdf 和 rollup.json。生成失败时保留原来的输出目录。`)
	out := fs.String("out", "", "输出`目录`，默认为当前目录下的 "+rolluprun.DefaultOut+"/")
	previous := fs.String("previous", "", "上次的汇总（其输出`目录`或 rollup.json），用于列出结论变化和上升的差异系数")
	title := fs.String("title", "", "汇总的`标题`，默认按各县所属的省、市命名")
	date := fs.String("date", "", "汇总`日期` YYYY-MM-DD，写入 PDF 和 Excel；默认为各县报告日期中最晚的一个")
	jobs := fs.Int("jobs", 0, "同时评估的县`数`，默认为处理器核数")
	metrics := fs.Bool("metrics", false, "输出各阶段用时")
	inputs, code, stop := fs.parseMixed(args, stdout, stderr)
	if stop {
		return code
	}
	if len(inputs) == 0 {
		fmt.Fprintf(stderr, "请给出至少一个输入：县的申报材料包、站点目录或存放它们的目录\n\n")
		fs.usage(stderr)
		return exitUsage
	}
	if *date != "" {
		if _, err := time.Parse(time.DateOnly, *date); err != nil {
			fmt.Fprintf(stderr, "--date 应写成 YYYY-MM-DD 的形式，如 2025-10-15，不能是「%s」\n", *date)
			return exitUsage
		}
	}
	if *jobs < 0 {
		fmt.Fprintln(stderr, "--jobs 不能是负数")
		return exitUsage
	}
	deferGC(buildGCStart)
	start := time.Now()
	last := time.Now()
	progress := func(done, total int) {
		if done == total || time.Since(last) > 2*time.Second {
			last = time.Now()
			fmt.Fprintf(stdout, "  已评估 %d / %d 个县\n", done, total)
		}
	}
	res, probs := rolluprun.Run(rolluprun.Options{Inputs: inputs, Out: *out, Previous: *previous, Title: *title, Date: *date,
		Workers: *jobs, Progress: progress})
	if printProblems(stderr, probs) {
		fmt.Fprintln(stderr, "未生成汇总；原有的输出目录未改动。")
		return exitError
	}
	s := res.Rollup.Summary
	fmt.Fprintf(stdout, "共 %d 个县：达到 %d，未达到 %d，待补充 %d，无法评估 %d；材料包与重新评估不一致 %d 个\n",
		s.Counties, s.Met, s.NotMet, s.Pending, s.Failed, s.Mismatched)
	for _, c := range res.Rollup.Counties {
		switch {
		case c.Verdict == rollup.Failed:
			fmt.Fprintf(stderr, "%s（%s）：%s\n", c.Name, c.Input, c.Error)
		case c.Verification.Status == rollup.Mismatch:
			fmt.Fprintf(stderr, "%s（%s）：材料包与重新评估的结果不一致，共 %d 处，见汇总\n", c.Name, c.Input, len(c.Verification.Findings))
		}
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(stderr, "提示："+w)
	}
	if *metrics {
		for _, st := range res.Stages {
			fmt.Fprintf(stdout, "  %s：%s\n", st.Name, ms(st.Duration))
		}
	}
	fmt.Fprintf(stdout, "已生成汇总：%s，共 %d 个文件，用时 %d 毫秒\n", filepath.Join(res.Out, "index.html"), res.Files,
		time.Since(start).Milliseconds())
	return exitOK
}
