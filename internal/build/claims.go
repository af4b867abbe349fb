package build

import (
	"fmt"

	"github.com/youjun-edu/youjun/internal/claims"
	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/eval"
)

// claimWarnings reports the figures typed in the chapters that contradict the evaluation or the
// data (初中三年巩固率达到98.2% where county.toml says 97.5): a reviewer reads such a figure as
// 弄虚作假, so `check` and `build --strict` do not pass it. The figures of shortcodes are
// computed and never reported.
func claimWarnings(p *Prepared, res *eval.Result) diag.List {
	if p.Site == nil || res == nil {
		return nil
	}
	chapters := make([]claims.Chapter, len(p.Input.Docs))
	for i, d := range p.Input.Docs {
		chapters[i] = claims.FromDoc(d)
	}
	var w diag.List
	for _, f := range claims.Check(chapters, claims.Facts(res, p.Site.County)) {
		w.Warn(f.File, f.Line, fmt.Sprintf("第%d列", f.Column), f.Quoted, "%s", f.Detail)
	}
	return w
}
