package main

import (
	"fmt"
	"io"

	"github.com/youjun-edu/youjun/internal/audit"
	"github.com/youjun-edu/youjun/internal/build"
)

// printAudit prints the consistency audit's findings in their own section, by kind and file.
// They are hints for a second look: `check` passes or fails on the other problems alone.
func printAudit(w io.Writer, fs []audit.Finding) {
	if len(fs) == 0 {
		return
	}
	fmt.Fprintf(w, "%s，共 %d 条：\n", build.AuditTitle, len(fs))
	for i := 0; i < len(fs); {
		j := i
		for j < len(fs) && fs[j].Kind == fs[i].Kind {
			j++
		}
		fmt.Fprintf(w, "  【%s】\n", fs[i].Kind)
		files, byFile := audit.Problems(fs[i:j]).ByFile()
		for _, f := range files {
			fmt.Fprintf(w, "    %s\n", f)
			for _, p := range byFile[f] {
				fmt.Fprintf(w, "      %s\n", p.Local())
			}
		}
		i = j
	}
}
