package assess

import (
	"bytes"
	"strings"
	"testing"

	"github.com/youjun-edu/youjun/internal/rollup"
	"github.com/youjun-edu/youjun/internal/site"
)

const evalJSON = `{
  "profile": "national-2017",
  "conclusion": "未达到",
  "resource": {
    "primary": {
      "indicators": [
        {
          "id": "R1",
          "cv": 0.2154900310594157
        },
        {
          "id": "R2",
          "cv": 0.3
        }
      ]
    }
  },
  "units": [
    {
      "code": "1",
      "level": "primary",
      "students": 100
    }
  ]
}
`

func packaged(body string) []byte {
	return site.WithProvenance([]byte(body), "v1", []site.Input{{Path: "site.toml", SHA256: "00", Bytes: 1}}, site.ResultDigest([]byte(body)))
}

func messages(v rollup.Verification) string {
	var ms []string
	for _, f := range v.Findings {
		ms = append(ms, f.Kind+": "+f.Message)
	}
	return strings.Join(ms, "\n")
}

func TestVerify(t *testing.T) {
	good := packaged(evalJSON)
	edited := bytes.Replace(good, []byte("0.2154900310594157"), []byte("0.2"), 1)
	tests := []struct {
		name     string
		packaged []byte
		manifest string
		status   string
		want     []string
	}{
		{"as packaged", good, site.ResultDigest([]byte(evalJSON)), rollup.Verified, nil},
		{"a figure edited", edited, "", rollup.Mismatch, []string{
			"figure: 小学 R1 差异系数（resource.primary.indicators[R1].cv）：材料包中为 0.2，重新评估为 0.2154900310594157",
			"digest: evaluation.json 中的 result_sha256（"}},
		{"evaluated differently", packaged(strings.Replace(evalJSON, `"students": 100`, `"students": 90`, 1)), "", rollup.Mismatch, []string{
			"figure: 学生数（units[1].students）：材料包中为 90，重新评估为 100"}},
		{"the same figures written otherwise", packaged(strings.Replace(evalJSON, `"cv": 0.3`, `"cv": 0.30`, 1)), "", rollup.Mismatch, []string{
			"写法与重新评估的结果不同（各数值相同）"}},
		{"the manifest's digest", good, "abcdef0123456789", rollup.Mismatch, []string{"digest: 清单中的 result_sha256（abcdef012345）"}},
		{"no evaluation.json", nil, "", rollup.Mismatch, []string{"package: 材料包中缺少 evaluation.json"}},
		{"not JSON", []byte("{"), "", rollup.Mismatch, []string{"package: evaluation.json 不是有效的 JSON"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Verify(tt.packaged, []byte(evalJSON), tt.manifest)
			got := messages(v)
			if v.Status != tt.status || (tt.want == nil) != (got == "") {
				t.Errorf("status %s, findings:\n%s", v.Status, got)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("findings lack %q:\n%s", w, got)
				}
			}
		})
	}
}

// Past maxFigures, the differing figures are counted rather than listed.
func TestVerifyCountsManyFigures(t *testing.T) {
	var a, b strings.Builder
	a.WriteString("{\n  \"x\": [")
	b.WriteString("{\n  \"x\": [")
	for i := range 30 {
		if i > 0 {
			a.WriteString(", ")
			b.WriteString(", ")
		}
		a.WriteString("1")
		b.WriteString("2")
	}
	a.WriteString("]\n}\n")
	b.WriteString("]\n}\n")
	v := Verify(packaged(a.String()), []byte(b.String()), "")
	if len(v.Findings) != maxFigures+1 || !strings.Contains(messages(v), "另有 10 处数值不同") {
		t.Errorf("%d findings:\n%s", len(v.Findings), messages(v))
	}
}

// No packaged evaluation.json makes Verify panic, and only the very bytes verify.
func FuzzVerify(f *testing.F) {
	f.Add(packaged(evalJSON))
	f.Add([]byte(`{"result_sha256": "x", "a": [[[[1]]]], "b": {"c": null}}`))
	f.Add([]byte("{\n  \"x\": 1,\n  \"youjun_version\": \"v\"\n}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		v := Verify(b, []byte(evalJSON), "")
		if v.Status == rollup.Verified && !bytes.Equal(b, packaged(evalJSON)) {
			// Other bytes can verify only if they strip to the same evaluation.
			body, ok := site.WithoutProvenance(b)
			if !ok {
				body = b
			}
			if site.ResultDigest(body) != site.ResultDigest([]byte(evalJSON)) {
				t.Errorf("verified %q", b)
			}
		}
	})
}
