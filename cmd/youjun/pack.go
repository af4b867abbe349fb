package main

import (
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/youjun-edu/youjun/internal/build"
	"github.com/youjun-edu/youjun/internal/pack"
)

func cmdPack(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("pack", `youjun pack [--site 目录] [--out 目录]

生成申报材料包 <县名>优质均衡申报材料-<报告日期>.zip：自评报告 PDF、evaluation.json、
站点的全部输入（site.toml、data/、content/、templates/、evidence/ 佐证材料）、报告网站（html/）、
佐证材料目录（HTML 和 Excel）和记录每个文件 SHA-256 的 manifest.json。同样的输入得到完全相同的
压缩包；市、省督导部门可用 youjun verify 核查。默认放在站点的 output/ 中（youjun build 会保留它）。`)
	dir := fs.String("site", ".", "站点`目录`（含 site.toml），默认为当前目录")
	out := fs.String("out", "", "材料包存放的`目录`，默认为站点下的 output/")
	if code, stop := fs.parse(args, stdout, stderr); stop {
		return code
	}
	start := time.Now()
	if *out == "" {
		*out = filepath.Join(*dir, "output")
	}
	opts := build.Options{Site: *dir, Out: *out}
	p, probs := build.Prepare(opts, func(_ string, f func()) { f() })
	if printProblems(stderr, probs) {
		fmt.Fprintln(stderr, "未打包：请先改正以上错误。")
		return exitError
	}
	// Only a site that loads gets an output folder.
	if printProblems(stderr, build.PackageOut(*dir, *out)) {
		return exitError
	}
	if p.Site.Config.Date == "" {
		fmt.Fprintln(stderr, "未打包：site.toml 中没有填写报告日期（date = \"YYYY-MM-DD\"）。材料包的文件名和其中每个文件的时间都取自这个日期，同样的材料才能得到完全相同的压缩包。")
		return exitError
	}
	res, files, probs := build.RenderPrepared(p, opts)
	if printProblems(stderr, probs) {
		fmt.Fprintln(stderr, "未打包：请先改正以上错误。")
		return exitError
	}
	printProblems(stderr, res.Warnings)
	for _, n := range res.Notes {
		fmt.Fprintln(stderr, "提示："+n)
	}
	for _, n := range res.Evidence {
		fmt.Fprintln(stderr, "佐证材料："+n)
	}
	zip, probs := pack.Write(pack.Input{Site: p.Site, Files: files, PDFName: p.Site.Config.PDFName()}, *out)
	if printProblems(stderr, probs) {
		fmt.Fprintln(stderr, "未打包。")
		return exitError
	}
	fmt.Fprintf(stdout, "已生成申报材料包：%s（用时 %d 毫秒）\n", zip, time.Since(start).Milliseconds())
	if len(res.Warnings) > 0 {
		fmt.Fprintf(stdout, "注意：还有 %d 处提示（见上），正式报送前请先处理。\n", len(res.Warnings))
	}
	return exitOK
}
