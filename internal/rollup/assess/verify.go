package assess

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/youjun-edu/youjun/internal/jsondiff"
	"github.com/youjun-edu/youjun/internal/rollup"
	"github.com/youjun-edu/youjun/internal/site"
)

// maxFigures is how many differing figures a finding lists one by one; the rest are counted.
const maxFigures = 20

// Verify compares the evaluation.json a county packaged with its re-evaluation evalJSON (as
// eval writes it, without provenance) and with the manifest's result_sha256 (empty for a bare
// site). packaged is nil when the package has no evaluation.json. The findings name every
// figure that differs.
func Verify(packaged, evalJSON []byte, manifestSHA string) rollup.Verification {
	v := rollup.Verification{Status: rollup.Verified, ResultSHA256: site.ResultDigest(evalJSON), Findings: []rollup.Finding{}}
	add := func(kind, path, format string, args ...any) {
		v.Findings = append(v.Findings, rollup.Finding{Kind: kind, Path: path, Message: fmt.Sprintf(format, args...)})
	}
	if manifestSHA != "" && manifestSHA != v.ResultSHA256 {
		add("digest", "manifest.json", "清单中的 result_sha256（%s）与重新评估的结果（%s）不同", short(manifestSHA), short(v.ResultSHA256))
	}
	if packaged == nil {
		add("package", "evaluation.json", "材料包中缺少 evaluation.json，无法与重新评估的结果比对")
		v.Status = rollup.Mismatch
		return v
	}
	var head struct {
		ResultSHA256 string `json:"result_sha256"`
	}
	if err := json.Unmarshal(packaged, &head); err != nil {
		add("package", "evaluation.json", "evaluation.json 不是有效的 JSON，无法比对")
		v.Status = rollup.Mismatch
		return v
	}
	v.Packaged = head.ResultSHA256
	body, ok := site.WithoutProvenance(packaged)
	if !ok {
		body = packaged
	}
	bodySHA := site.ResultDigest(body)
	if head.ResultSHA256 != bodySHA {
		add("digest", "evaluation.json", "evaluation.json 中的 result_sha256（%s）与文件内容不符：文件在生成后被改动过", short(head.ResultSHA256))
	}
	if bodySHA != v.ResultSHA256 {
		diffs, n := figureDiffs(body, evalJSON)
		for _, d := range diffs {
			add("figure", "evaluation.json", "%s", d)
		}
		switch {
		case n > len(diffs):
			add("figure", "evaluation.json", "另有 %d 处数值不同", n-len(diffs))
		case n == 0:
			add("figure", "evaluation.json", "evaluation.json 的写法与重新评估的结果不同（各数值相同），可能由其他版本的 youjun 生成")
		}
	} else if head.ResultSHA256 != v.ResultSHA256 && head.ResultSHA256 == bodySHA {
		add("digest", "evaluation.json", "result_sha256 与重新评估的结果不同")
	}
	if len(v.Findings) > 0 {
		v.Status = rollup.Mismatch
	}
	return v
}

// short is a digest's first twelve hex digits, enough to tell two apart in a message.
func short(d string) string {
	if len(d) > 12 {
		return d[:12]
	}
	return d
}

// figureDiffs lists, in Chinese, the figures that differ between the packaged evaluation a and
// the re-evaluation b (at most maxFigures), and how many differ in all.
func figureDiffs(a, b []byte) ([]string, int) {
	va, errA := jsondiff.Decode(a)
	vb, errB := jsondiff.Decode(b)
	if errA != nil || errB != nil {
		return []string{"evaluation.json 无法按字段比对"}, 1
	}
	var out []string
	n := 0
	jsondiff.Compare(va, vb, func(path, x, y, _ string) {
		n++
		if len(out) < maxFigures {
			out = append(out, fmt.Sprintf("%s：材料包中为 %s，重新评估为 %s", label(path), x, y))
		}
	})
	return out, n
}

// fieldNames are the Chinese names of the figures a reviewer most often meets.
var fieldNames = map[string]string{
	"value": "全县值", "cv": "差异系数", "std": "标准差", "cv_ok": "差异系数是否达标", "cv_status": "差异系数判定",
	"cv_critical": "临界", "composite_cv": "综合差异系数", "conclusion": "评估结论", "eligibility": "申报条件",
	"status": "判定", "units_passing": "达标校数", "units_failing": "未达标校数", "units_meeting": "达到标准的校数",
	"students": "学生数", "total": "合计", "summary": "结果", "units": "参评校数",
}

// label names the figure at a JSON path in Chinese where it can (小学 R1 差异系数), else gives
// the path.
func label(path string) string {
	parts := strings.Split(path, ".")
	level := map[string]string{"primary": "小学", "junior": "初中"}
	if len(parts) >= 3 && parts[0] == "resource" {
		if id, ok := strings.CutPrefix(parts[2], "indicators["); ok && len(parts) == 4 {
			name := fieldNames[parts[3]]
			if name == "" {
				name = parts[3]
			}
			return level[parts[1]] + " " + strings.TrimSuffix(id, "]") + " " + name + "（" + path + "）"
		}
	}
	if name, ok := fieldNames[parts[len(parts)-1]]; ok {
		return name + "（" + path + "）"
	}
	return path
}
