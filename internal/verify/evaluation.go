package verify

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/youjun-edu/youjun/internal/diag"
	"github.com/youjun-edu/youjun/internal/jsondiff"
	"github.com/youjun-edu/youjun/internal/pack"
	"github.com/youjun-edu/youjun/internal/site"
)

// evaluationFiles are the packaged copies of evaluation.json: the root's and the website's.
var evaluationFiles = []string{pack.EvaluationName, pack.HTMLFolder + "/data/evaluation.json"}

// provenanceKeys are the keys build adds to eval's result; checkInputs compares them.
var provenanceKeys = []string{"youjun_version", "inputs", "result_sha256"}

// provenance is the part of evaluation.json that checkInputs reads.
type provenance struct {
	Version string       `json:"youjun_version"`
	Inputs  []site.Input `json:"inputs"`
	Result  string       `json:"result_sha256"`
}

// readPackaged reads a file of the package; a missing file is a finding.
func readPackaged(c *Context, rel string, kind Kind) ([]byte, *Finding) {
	b, err := os.ReadFile(c.Package.Path(rel))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &Finding{Kind: kind, File: rel, Message: "材料包中没有这个文件"}
	case err != nil:
		return nil, &Finding{Kind: kind, File: rel, Message: "无法读取：" + diag.SysError(err)}
	}
	return b, nil
}

// checkEvaluation compares every value of the packaged evaluation.json files with the
// recomputation, by JSON path (resource.primary.indicators[R4].cv).
func checkEvaluation(c *Context) []Finding {
	want, err := jsondiff.Decode(c.Recomputed["data/evaluation.json"])
	if err != nil {
		return []Finding{{Kind: KindEvaluation, File: pack.EvaluationName, Message: "youjun 内部错误：复算的 evaluation.json 无法读取"}}
	}
	var out []Finding
	var first []byte // the root's evaluation.json
	firstFindings := 0
	for i, rel := range evaluationFiles {
		b, f := readPackaged(c, rel, KindEvaluation)
		if f != nil {
			out = append(out, *f)
			continue
		}
		if i == 0 {
			first = b
		} else if first != nil && bytes.Equal(b, first) {
			// The website's copy is the root's file: its differences are those listed for it,
			// said once rather than twice.
			if firstFindings > 0 {
				out = append(out, Finding{Kind: KindEvaluation, File: rel, Message: fmt.Sprintf(
					"与材料包根目录的 %s 内容相同，其中的 %d 处不一致见该文件", pack.EvaluationName, firstFindings)})
			}
			continue
		}
		before := len(out)
		got, err := jsondiff.Decode(b)
		if err != nil {
			out = append(out, Finding{Kind: KindEvaluation, File: rel, Message: "不是有效的 JSON，无法核对"})
			continue
		}
		gm, gok := got.(map[string]any)
		wm, wok := want.(map[string]any)
		if gok && wok {
			for _, k := range provenanceKeys {
				delete(gm, k)
				delete(wm, k)
			}
		}
		jsondiff.Compare(got, want, func(where, g, w, msg string) {
			out = append(out, Finding{Kind: KindEvaluation, File: rel, Where: where, Got: g, Want: w, Message: msg})
		})
		if f := selfDigest(rel, b); f != nil {
			out = append(out, *f)
		}
		if i == 0 {
			firstFindings = len(out) - before
		}
	}
	return out
}

// selfDigest checks that evaluation.json's result_sha256 is the digest of its own result (the
// file without the provenance fields): an edited file whose digest was not redone is caught
// even where the recomputation agrees with the edit.
func selfDigest(rel string, b []byte) *Finding {
	var pv provenance
	if json.Unmarshal(b, &pv) != nil || pv.Result == "" {
		return &Finding{Kind: KindInputs, File: rel, Where: "result_sha256", Message: "缺少 result_sha256（评估结果的摘要）"}
	}
	body, ok := site.WithoutProvenance(b)
	if !ok {
		return &Finding{Kind: KindInputs, File: rel, Where: "youjun_version", Message: "不是 youjun 写出的格式，无法核对 result_sha256"}
	}
	if d := site.ResultDigest(body); d != pv.Result {
		return &Finding{Kind: KindInputs, File: rel, Where: "result_sha256", Got: pv.Result, Want: d,
			Message: "与文件中评估结果本身的摘要不符：评估结果在生成后被修改过"}
	}
	return nil
}

// checkInputs compares the provenance of the packaged evaluation.json — the digests of the
// inputs the report was made from and of its result — with the packaged site's files and the
// recomputed result, and the manifest's result_sha256 with both.
func checkInputs(c *Context) []Finding {
	var out []Finding
	b, f := readPackaged(c, pack.EvaluationName, KindInputs)
	if f != nil {
		return nil // checkEvaluation says so
	}
	var got, want provenance
	if err := json.Unmarshal(b, &got); err != nil {
		return nil // checkEvaluation says so
	}
	json.Unmarshal(c.Recomputed["data/evaluation.json"], &want)
	if got.Version != want.Version {
		out = append(out, Finding{Kind: KindInputs, File: pack.EvaluationName, Where: "youjun_version", Got: got.Version, Want: want.Version,
			Message: "材料包由另一版本的 youjun 生成；复算用的是本机的 youjun，如有不一致，也可能来自版本差异", Warning: true})
	}
	wantBy := map[string]site.Input{}
	for _, in := range want.Inputs {
		wantBy[in.Path] = in
	}
	for _, g := range got.Inputs {
		w, ok := wantBy[g.Path]
		delete(wantBy, g.Path)
		where := fmt.Sprintf("inputs[%s]", g.Path)
		builtin := strings.HasPrefix(g.Path, "profile:")
		switch {
		case !ok && builtin:
			out = append(out, Finding{Kind: KindInputs, File: pack.EvaluationName, Where: where, Got: g.SHA256,
				Message: "报告所用的评估标准不是复算所用的标准"})
		case !ok:
			out = append(out, Finding{Kind: KindInputs, File: pack.EvaluationName, Where: where, Got: g.SHA256,
				Message: fmt.Sprintf("报告由这个文件生成，材料包的 %s 中却没有它", pack.SiteFolder+"/")})
		case g.SHA256 != w.SHA256 && builtin:
			out = append(out, Finding{Kind: KindInputs, File: pack.EvaluationName, Where: where, Got: g.SHA256, Want: w.SHA256,
				Message: "报告所用的内置评估标准与本机 youjun 的内置标准文本不同（youjun 版本不同）；复算用的是本机的标准", Warning: true})
		case g.SHA256 != w.SHA256:
			out = append(out, Finding{Kind: KindInputs, File: sitePath(g.Path), Where: "SHA-256", Got: w.SHA256, Want: g.SHA256,
				Message: "与 evaluation.json 所记的不同：报告生成后这个文件被修改过，报告不是由包内的这份数据生成的"})
		}
	}
	for _, p := range slices.Sorted(maps.Keys(wantBy)) {
		out = append(out, Finding{Kind: KindInputs, File: sitePath(p), Where: "SHA-256", Got: wantBy[p].SHA256,
			Message: "复算读取了这个文件，evaluation.json 却没有记录它：它是报告生成后加入的"})
	}
	if got.Result != want.Result {
		out = append(out, Finding{Kind: KindInputs, File: pack.EvaluationName, Where: "result_sha256", Got: got.Result, Want: want.Result,
			Message: "评估结果的摘要与按包内数据复算的不同"})
	}
	if m := c.Package.Manifest.ResultSHA256; m != got.Result {
		out = append(out, Finding{Kind: KindInputs, File: pack.ManifestName, Where: "result_sha256", Got: m, Want: got.Result,
			Message: "与 evaluation.json 的 result_sha256 不同"})
	}
	return out
}
