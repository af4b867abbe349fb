package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"

	"github.com/youjun-edu/youjun/internal/config"
	"github.com/youjun-edu/youjun/internal/standard"
)

// Input is one file the build read, with the SHA-256 of its bytes: the provenance a reviewer
// checks a report against.
type Input struct {
	Path   string `json:"path"` // relative to the site, slashes; a built-in profile is "profile:<id>"
	SHA256 string `json:"sha256"`
	Bytes  int    `json:"bytes"`
}

// NewInput digests src as the input at path.
func NewInput(path string, src []byte) Input {
	sum := sha256.Sum256(src)
	return Input{Path: path, SHA256: hex.EncodeToString(sum[:]), Bytes: len(src)}
}

// SortInputs orders inputs by path, the order evaluation.json lists them in.
func SortInputs(in []Input) {
	sort.Slice(in, func(i, j int) bool { return in[i].Path < in[j].Path })
}

// Version is youjun's version as the Go toolchain recorded it in the binary: the module
// version of a released build, "(devel)" for `go run`, `go build` in the source tree and tests.
func Version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// dataInputs are the data files of a site that data.Load reads, when present.
func dataInputs(dir string) []string {
	names := []string{"data/schools.csv", "data/schools.xlsx", "data/county.toml", "data/survey.csv"}
	hist, _ := filepath.Glob(filepath.Join(dir, "data/history/*.csv"))
	sort.Strings(hist)
	for _, h := range hist {
		names = append(names, "data/history/"+filepath.Base(h))
	}
	return names
}

// readInputs digests site.toml, the profile and the data files as they are now. Load calls it
// before and after the loaders read the files: equal digests mean the loaders read these
// bytes (the loaders take paths, not bytes, so the digest cannot be of their very buffers).
func readInputs(dir string) []Input {
	var in []Input
	in = appendFile(in, config.FileName, filepath.Join(dir, config.FileName))
	for _, name := range dataInputs(dir) {
		in = appendFile(in, name, filepath.Join(dir, filepath.FromSlash(name)))
	}
	return in
}

// appendFile appends the digest of the regular file at path, if there is one.
func appendFile(in []Input, rel, path string) []Input {
	st, err := os.Lstat(path)
	if err != nil || !st.Mode().IsRegular() {
		return in
	}
	if src, err := os.ReadFile(path); err == nil {
		in = append(in, NewInput(rel, src))
	}
	return in
}

// appendProfile appends the digest of the profile a site names: its file's bytes, or the TOML
// text of the built-in profile ("profile:<id>").
func appendProfile(in []Input, dir, profile string) []Input {
	if strings.HasSuffix(profile, ".toml") {
		path := profile
		if !filepath.IsAbs(path) {
			path = filepath.Join(dir, profile)
		}
		return appendFile(in, filepath.ToSlash(profile), path)
	}
	if src, err := standard.Source(profile); err == nil {
		in = append(in, NewInput("profile:"+profile, src))
	}
	return in
}

// changedInput is the path of an input whose digests a and b (in the same order) disagree on,
// or "" when they agree; "data/" when a file appeared or vanished.
func changedInput(a, b []Input) string {
	if len(a) != len(b) {
		return "data/"
	}
	for i := range a {
		if a[i] != b[i] {
			return a[i].Path
		}
	}
	return ""
}

// ResultDigest is the SHA-256 of the evaluation.json bytes eval writes, before build adds the
// provenance fields: what WithProvenance's file gives back once they are removed.
func ResultDigest(evalJSON []byte) string {
	sum := sha256.Sum256(evalJSON)
	return hex.EncodeToString(sum[:])
}

// WithProvenance adds youjun_version, inputs and result_sha256 as the last keys of the
// evaluation.json object evalJSON (indented by two spaces, ending in "}\n"). Removing the
// lines from `  "youjun_version"` to the closing "}" and the comma before them gives evalJSON
// back, whose SHA-256 is result_sha256.
func WithProvenance(evalJSON []byte, version string, inputs []Input, resultSHA string) []byte {
	body := bytes.TrimSuffix(evalJSON, []byte("\n}\n"))
	if len(body) == len(evalJSON) {
		return evalJSON // not the shape eval writes: leave it
	}
	var b bytes.Buffer
	b.Grow(len(evalJSON) + 128*len(inputs) + 256)
	b.Write(body)
	b.WriteString(provenanceStart)
	b.WriteString(jsonString(version))
	b.WriteString(",\n  \"inputs\": [")
	for i, in := range inputs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n    {\n      \"path\": ")
		b.WriteString(jsonString(in.Path))
		b.WriteString(",\n      \"sha256\": \"" + in.SHA256 + "\",\n      \"bytes\": ")
		b.WriteString(itoa(in.Bytes))
		b.WriteString("\n    }")
	}
	if len(inputs) > 0 {
		b.WriteString("\n  ")
	}
	b.WriteString("],\n  \"result_sha256\": \"" + resultSHA + "\"\n}\n")
	return b.Bytes()
}

// WithoutProvenance gives back the evaluation.json that WithProvenance was given: b without the
// provenance fields, whose SHA-256 is result_sha256. ok is false when b does not end with them
// (not a file build wrote).
func WithoutProvenance(b []byte) (evalJSON []byte, ok bool) {
	i := bytes.LastIndex(b, []byte(provenanceStart))
	if i < 0 {
		return nil, false
	}
	return append(bytes.Clone(b[:i]), "\n}\n"...), true
}

// provenanceStart begins the fields WithProvenance adds.
const provenanceStart = ",\n  \"youjun_version\": "

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func itoa(n int) string { return strconv.Itoa(n) }
