// Package renderer is a renderer that reaches the model through the report without importing
// it: the layering test must catch each line.
package renderer

import "github.com/youjun-edu/youjun/internal/report"

func conclusion(r *report.Report) string { return string(r.Result().Conclusion) }

func schools(r *report.Report) int { return len(r.Schools) }

func level(l report.Level) string { return l.Chinese() }

func view(r *report.Report) string { return string(r.Conclusion()) + r.Overview().ProfileName }
