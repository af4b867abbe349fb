package main

import (
	"fmt"
	"io"

	"github.com/youjun-edu/youjun/internal/statimport"
)

func cmdImport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("import", `youjun import [--site 目录] [--replace] 文件...
youjun import --mapping

从教育事业统计（综合统计）导出的县级汇总表（一校一行）、基层表（每校一个工作簿）和教师花名册
（.xlsx 或 .csv，UTF-8 或 GBK）生成学校数据表，并在“来源”工作表中逐格注明出处。
站点还没有学校数据表时写入 data/schools.xlsx；已有时与之合并（保留统计中没有的列，逐项列出
改动的单元格），写入 data/schools.导入.xlsx，原表不动；加 --replace 则把原表改名为
data/schools.导入前.*（备份）后写入 data/schools.xlsx。对应表可在站点的 import.toml 中修改。`)
	dir := fs.String("site", ".", "站点`目录`（含 site.toml），默认为当前目录")
	replace := fs.Bool("replace", false, "合并后替换站点的学校数据表（原表改名备份为 data/schools.导入前.*）")
	mapping := fs.Bool("mapping", false, "输出内置的对应表（import.toml 的写法），不导入")
	files, code, stop := fs.parseMixed(args, stdout, stderr) // files and options in any order
	if stop {
		return code
	}
	if *mapping {
		stdout.Write(statimport.DefaultMapping)
		return exitOK
	}
	if len(files) == 0 {
		fmt.Fprintln(stderr, "请给出要导入的文件，例如：youjun import 学校基本情况汇总.xlsx 教师花名册.csv")
		return exitUsage
	}
	rep, probs := statimport.Run(statimport.RunOptions{Site: *dir, Files: files, Replace: *replace})
	if printProblems(stderr, probs) {
		fmt.Fprintln(stderr, "未导入：没有写入任何文件。")
		return exitError
	}
	res := rep.Result
	for _, n := range res.Notes {
		fmt.Fprintln(stdout, "提示："+n)
	}
	if rep.Merged != "" && !rep.Empty {
		if len(res.Changes) == 0 {
			fmt.Fprintf(stdout, "与 %s 合并：统计数据与表中各项一致，没有改动。\n", rep.Merged)
		} else {
			fmt.Fprintf(stdout, "与 %s 合并，改动 %d 处（原值 → 新值）：\n", rep.Merged, len(res.Changes))
			for _, c := range res.Changes {
				old := c.Old
				if old == "" {
					old = "（空白）"
				}
				fmt.Fprintf(stdout, "  %s %s「%s」：%s → %s\n", c.Code, c.Name, c.Column, old, c.New)
			}
		}
	}
	fmt.Fprintf(stdout, "已写入 %s：%d 所学校，每个导入的单元格的出处见其中的“%s”工作表。\n", rep.Out, len(res.Rows), statimport.SourceSheet)
	switch {
	case rep.Empty:
		fmt.Fprintf(stdout, "原表 %s 中没有学校数据（只有填报模板的示例行），已改名备份为 %s。\n", rep.Merged, rep.Backup)
		fmt.Fprintln(stdout, "统计中没有的列（音乐美术专用教室、建成年份、寄宿制、经费等）请在表中补填。")
	case rep.Backup != "":
		fmt.Fprintf(stdout, "原表已改名备份为 %s。\n", rep.Backup)
	case rep.Merged != "":
		fmt.Fprintf(stdout, "原表 %s 未改动。核对无误后，用 youjun import --replace 重新导入（原表改名备份），或自行用新表替换原表。\n", rep.Merged)
	default:
		fmt.Fprintln(stdout, "统计中没有的列（音乐美术专用教室、建成年份、寄宿制、经费等）请在表中补填。")
	}
	return exitOK
}
