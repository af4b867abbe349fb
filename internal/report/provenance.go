package report

// Provenance is what the report was made from: youjun's version and the digest of the
// evaluation result. build fills it in; the renderers print it (the HTML footer, the PDF's last
// page and metadata) without reading the files themselves. The digests of the inputs are listed
// in evaluation.json only: they include the chapters, which `serve` reads again without
// evaluating again, and the result digest already changes with every input that matters.
type Provenance struct {
	Version      string // youjun's version, "(devel)" for a build from source
	ResultSHA256 string // hex SHA-256 of evaluation.json without its provenance fields
}

// Fingerprint is the short form of the result digest shown in the HTML footer: its first 12
// hex digits, or "" when there is none.
func (p *Provenance) Fingerprint() string {
	if len(p.ResultSHA256) < 12 {
		return ""
	}
	return p.ResultSHA256[:12]
}
