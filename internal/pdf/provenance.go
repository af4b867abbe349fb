package pdf

import "github.com/youjun-edu/youjun/internal/report"

// provenanceBlocks are the 说明 that ends the PDF: the version of youjun and the digest of the
// evaluation result the report was made from, for a reviewer to compare with evaluation.json.
// None without a digest.
func provenanceBlocks(p *report.Provenance) []block {
	if p.ResultSHA256 == "" {
		return nil
	}
	return []block{
		{kind: bPara, small: true, spans: []span{{"说明：本报告由 youjun " + p.Version + " 依据以下数据生成：site.toml、评估标准、data/ 中的数据文件和 content/ 中的章节（各文件的 SHA-256 见 data/evaluation.json 的 inputs）。评估结果指纹 SHA-256：", sNote}}, where: "说明"},
		{kind: bPara, small: true, spans: []span{{p.ResultSHA256, sNote}}, where: "说明"},
	}
}

// provenanceSubject is what the PDF's Subject adds after the report's kind: the version and the
// result digest, so that the metadata identify the evaluation too.
func provenanceSubject(p *report.Provenance) string {
	if p.ResultSHA256 == "" {
		return ""
	}
	return "；youjun " + p.Version + "；评估结果 SHA-256 " + p.ResultSHA256
}
