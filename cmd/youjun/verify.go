package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/youjun-edu/youjun/internal/pack"
	"github.com/youjun-edu/youjun/internal/verify"
)

func cmdVerify(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("verify", `youjun verify 材料包.zip|材料包目录 [--report 目录] [--previous 上年材料包]

核查申报材料包（供市、省督导部门使用）：核对每个文件与 manifest.json 记录的 SHA-256；按包内的
数据和评估标准重新评估，逐项核对 evaluation.json、附表（Excel 和 CSV）与复算结果；核对
evaluation.json 记录的输入文件摘要；读出 PDF 的文字，逐个核对其中的数字；核对正文中手写的
数字；做一致性核查（提示，不算不一致；--previous 给出上年材料包时逐年比对学校数据）。
列出每一处不一致（文件和位置、包内的值和应有的值）。
默认不写任何文件；--report 在指定目录中写出核查清单（HTML 和 Excel）。
退出码：0 全部一致；1 有不一致之处；2 不是可用的材料包或命令用法有误。`)
	reportDir := fs.String("report", "", "把核查清单（核查清单.html、核查清单.xlsx）写到这个`目录`；默认不写文件")
	previous := fs.String("previous", "", "上一年度的`材料包`（.zip 或目录）：逐年比对学校数据（新增、撤并的学校，与上年相同的行，变化过大的指标），结果为提示")
	names, code, stop := fs.parseMixed(args, stdout, stderr)
	switch {
	case stop:
		return code
	case len(names) > 1:
		fmt.Fprintf(stderr, "一次只能核查一个材料包，多余的参数：%s\n", strings.Join(names[1:], " "))
		return exitUsage
	}
	name := ""
	if len(names) == 1 {
		name = names[0]
	}
	if name == "" {
		fmt.Fprintln(stderr, "请给出要核查的材料包（.zip 文件或解压后的目录），例如：youjun verify 示例县优质均衡申报材料-2025-10-15.zip")
		return exitUsage
	}
	c, err := verify.Open(name)
	if err != nil {
		fmt.Fprintf(stderr, "无法核查：%s\n", err)
		return exitUsage
	}
	defer c.Package.Close()
	checks := verify.DefaultChecks()
	if *previous != "" {
		prev, err := pack.Open(*previous)
		if err != nil {
			fmt.Fprintf(stderr, "无法读取上一年度的材料包：%s\n", err)
			return exitUsage
		}
		defer prev.Close()
		checks = append(checks, verify.AuditAgainst(prev))
	}
	rep := verify.Run(c, checks)
	w := bufio.NewWriter(stdout)
	rep.WriteText(w)
	w.Flush()
	if *reportDir != "" {
		root := ""
		if st, err := os.Stat(name); err == nil && st.IsDir() {
			root = name
		}
		if err := rep.WriteFiles(*reportDir, root); err != nil {
			fmt.Fprintf(stderr, "未写出核查清单：%s\n", err)
			return exitUsage
		}
		fmt.Fprintf(stdout, "核查清单已写到 %s\n", *reportDir)
	}
	if !rep.OK() {
		return exitError
	}
	return exitOK
}
